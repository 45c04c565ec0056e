// `rollcall db migrate` and `rollcall config check`.

import { redactedConfig } from '../config/load-config.js';
import { applyMigrations } from '../storage/database.js';
import type { Command } from './output.js';

export const systemCommands: Command[] = [
  {
    name: 'db migrate',
    summary: 'apply pending database migrations (the server also does on start)',
    async run({ out, storage }) {
      const s = await storage({ migrated: false });
      const applied = await applyMigrations(s);
      out.print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date', { applied });
      return 0;
    },
  },
  {
    name: 'config check',
    summary: 'print the effective configuration (secrets redacted)',
    async run({ out, config }) {
      const redacted = redactedConfig(config);
      out.print(Object.entries(redacted).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n'), redacted);
      return 0;
    },
  },
];
