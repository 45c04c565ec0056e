// What the domain needs from the outside world, injected so tests can pin
// time and ids instead of freezing globals.

import { randomUUID } from 'node:crypto';
import { uuidV7 } from './uuid-v7.js';

export interface Clock {
  now(): Date;
}

export interface Ids {
  uuid(): string;
  /**
   * An id that sorts by creation time (UUIDv7), for rows appended in time
   * order (events): their unique index grows at its end instead of at a
   * random page. Absent (test doubles): `uuid()`.
   */
  timeOrdered?(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { uuid: () => randomUUID(), timeOrdered: () => uuidV7() };
