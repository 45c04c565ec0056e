// RFC 7643 §4.2 members.display: the name the IdP sent for a membership, kept
// with the membership so it reads back as sent (strict SCIM testers compare
// it). Null when the IdP sent none: the member's own name is shown then.

import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const memberDisplay: Migration = {
  name: '0009-member-display',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('group_members').addColumn('display', 'text').execute();
  },
};
