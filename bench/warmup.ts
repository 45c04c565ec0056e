// Every request kind of the workload, run unmeasured against a team of its
// own before the first measurement, so no measured phase pays for V8
// compiling its code path and the measured team's sizes stay exact.

import type { HttpClient } from './http-client.js';
import type { ServerProcess } from './ipc.js';
import { addMember, benchGroup, benchUser, bulkCreate, removeMember, replaceDisplayName, userNameOf } from './fixtures.js';

const USERS = 300;
const ROUNDS = 200;

export async function warmUp(rollcall: ServerProcess, client: HttpClient, base: string): Promise<void> {
  const ids = await rollcall.call<string[]>({ cmd: 'seedUsers', team: 'warmup', from: 0, to: USERS });
  for (let i = 0; i < ROUNDS; i++) {
    const n = i % USERS;
    await client.expect(200, 'GET', `${base}/Users?startIndex=${i % 2 === 0 ? 1 : USERS / 2 + 1}&count=100`);
    await client.expect(200, 'GET', `${base}/Users?filter=${encodeURIComponent(`userName eq "${userNameOf(n)}"`)}`);
    await client.expect(200, 'GET', `${base}/Users/${ids[n]}`);
    await client.expect(200, 'PATCH', `${base}/Users/${ids[n]}`, replaceDisplayName(`Warm ${i}`));
  }
  const group = (await client.expect<{ id: string }>(201, 'POST', `${base}/Groups`, benchGroup('warmup'))).id;
  for (let i = 0; i < ROUNDS; i++) await client.expect(204, 'PATCH', `${base}/Groups/${group}`, addMember(ids[i % USERS]));
  for (let i = 0; i < ROUNDS; i++) await client.expect(204, 'PATCH', `${base}/Groups/${group}`, removeMember(ids[i % USERS]));
  let next = USERS;
  for (let i = 0; i < ROUNDS; i++) await client.expect(201, 'POST', `${base}/Users`, benchUser(next++));
  await client.expect(200, 'POST', `${base}/Bulk`, bulkCreate(next, next + 500));
}
