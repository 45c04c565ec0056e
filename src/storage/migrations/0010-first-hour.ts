// The first hour (issue 14): the setup wizard's place, kept per team so a
// reload or another admin's browser opens where the team left off; and what
// the identity provider returned at the last SSO test sign-in (who signed
// in, the claims or attributes it sent), shown next to the test's result;
// and when a team was warned that its last SCIM token expires (token.expiring
// is written once per token).

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const firstHour: Migration = {
  name: '0010-first-hour',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('team_setup_progress')
      .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
      // JSON: { step, completed[], finishedAt } (src/domain/access/setup-progress.ts).
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    // JSON summary (src/domain/sso/test-identity.ts); null until a test returns an identity.
    await db.schema.alterTable('sso_connections').addColumn('last_test_identity', 'text').execute();
    await db.schema.alterTable('scim_tokens').addColumn('expiry_warned_at', 'text').execute();
  },
};
