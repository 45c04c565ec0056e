// What the domain needs from the outside world, injected so tests can pin
// time and ids instead of freezing globals.

import { randomUUID } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export interface Ids {
  uuid(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { uuid: () => randomUUID() };
