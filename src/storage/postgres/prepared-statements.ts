// Named prepared statements for the hand-written hot-path SQL
// (prepared-query.ts). PostgreSQL parses and plans a named statement once per
// connection and then only binds and executes it; pg sends a query config
// `{ name, text, values }` that way. kysely hands its driver only the SQL text,
// so the pool wrapper (open-postgres.ts) looks the name up by text here.
//
// A name must always mean the same text on a connection (pg refuses
// otherwise), so the name carries a digest of the text: two statements that
// share a purpose but differ in text (another column list, another number of
// parameters) get two names.

import { createHash } from 'node:crypto';

const names = new Map<string, string>();

/** Registers `text` to be run as a named statement; the name reads `<name>_<digest>`. */
export function nameStatement(name: string, text: string): void {
  if (names.has(text)) return;
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  // PostgreSQL truncates identifiers at 63 bytes: keep the digest whole.
  names.set(text, `${name.slice(0, 48)}_${digest}`);
}

/** The statement name registered for `text`, if any. */
export function statementName(text: string): string | undefined {
  return names.get(text);
}
