// Writes one batch of activity rows so that a bad row cannot hold back the
// others: one insert for the batch; if the database refuses it, each row
// alone, and a row refused alone is written stripped (activity-sanitize.ts).
// When even the stripped row is refused, the database is away, not the row:
// the write stops there and the caller keeps the rest buffered.

import type { ActivityEntry, ActivityStore } from './store.js';
import { strippedRow } from './sanitize.js';

export interface WrittenRows {
  rows: ActivityEntry[];
  /** How many slots are done with (written, or undefined: not kept). */
  consumed: number;
  /** Rows written stripped because the database refused them as received. */
  rejected: number;
  /** Set when the write stopped early: the database refused a stripped row. */
  failure?: unknown;
}

/** `slots` holds one row per buffered record, undefined for a record that is not kept. */
export async function writeRows(store: Pick<ActivityStore, 'insert'>, slots: (ActivityEntry | undefined)[]): Promise<WrittenRows> {
  const rows = slots.filter((r): r is ActivityEntry => r !== undefined);
  if (rows.length === 0) return { rows, consumed: slots.length, rejected: 0 };
  try {
    await store.insert(rows);
    return { rows, consumed: slots.length, rejected: 0 };
  } catch {
    return rowByRow(store, slots);
  }
}

async function rowByRow(store: Pick<ActivityStore, 'insert'>, slots: (ActivityEntry | undefined)[]): Promise<WrittenRows> {
  const rows: ActivityEntry[] = [];
  let rejected = 0;
  for (let i = 0; i < slots.length; i++) {
    const row = slots[i];
    if (!row) continue;
    try {
      await store.insert([row]);
      rows.push(row);
    } catch {
      try {
        const stripped = strippedRow(row);
        await store.insert([stripped]);
        rows.push(stripped);
        rejected++;
      } catch (failure) {
        return { rows, consumed: i, rejected, failure };
      }
    }
  }
  return { rows, consumed: slots.length, rejected };
}
