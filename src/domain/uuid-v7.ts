// Time-ordered UUIDs (version 7, RFC 9562 §5.7) for rows appended in time
// order, the events of the outbox: a random v4 id lands on a random page of
// the unique index on events.id, so each event written reads and dirties a
// page of a large index; ids that grow with time append at its end.
//
// Layout: 48-bit Unix time in ms, version 7, 12 bits that count up within a
// millisecond (RFC 9562 §6.2 method 1, from a random start so a process
// does not reveal how many ids it made), the variant, 62 random bits. Ids
// of one process are strictly increasing; the random 62 bits keep them
// unguessable and unique across instances.

import { randomFillSync } from 'node:crypto';

const SIZE = 10;
const POOL = Buffer.alloc(SIZE * 512);
let poolAt = POOL.length;

/** 10 random bytes: 8 for the variant and random tail, 2 for a counter's start. */
function randomBytes10(): Buffer {
  if (poolAt >= POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const bytes = POOL.subarray(poolAt, poolAt + SIZE);
  poolAt += SIZE;
  return bytes;
}

let lastMs = -1;
let counter = 0;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A UUIDv7 for `nowMs` (default: the clock), greater than every one this process made before. */
export function uuidV7(nowMs: number = Date.now()): string {
  const bytes = randomBytes10();
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // A random start in the lower half leaves room to count up.
    counter = ((bytes[8] << 8) | bytes[9]) & 0x7ff;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one, as RFC 9562 §6.2 allows.
    lastMs += 1;
    counter = 0;
  }
  const ms = lastMs;
  const high = Math.floor(ms / 0x10000);
  const low = ms % 0x10000;
  const variant = 0x8000 | ((bytes[0] & 0x3f) << 8) | bytes[1];
  return `${hex(high, 8)}-${hex(low, 4)}-7${hex(counter, 3)}-${hex(variant, 4)}-${bytes.toString('hex', 2, 8)}`;
}
