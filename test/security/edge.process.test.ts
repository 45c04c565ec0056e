// The edge options reach a real server process through its environment
// (config/options.ts → main.ts → buildApp): the server starts with the
// limits set, and a low SCIM rate limit answers 429 with Retry-After.
// PostgreSQL only: the server-process helpers share a schema with the test.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam, dropSchema, freshSchema, startServer, type ServerProcess } from '../helpers/server-process.js';
import { DIALECTS, POSTGRES_URL } from '../helpers/test-app.js';

describe.runIf(DIALECTS.includes('postgres'))('edge options in a server process (postgres)', () => {
  const schema = freshSchema();
  let server: ServerProcess;
  let team: { teamId: string; token: string };

  beforeAll(async () => {
    server = await startServer({
      databaseUrl: POSTGRES_URL,
      schema,
      env: { ROLLCALL_SCIM_RATE_LIMIT_PER_MINUTE: '60', ROLLCALL_SCIM_RATE_LIMIT_BURST: '2', ROLLCALL_MAX_IN_FLIGHT: '50', ROLLCALL_HEADERS_TIMEOUT_MS: '5000' },
    });
    team = await createTeam(POSTGRES_URL, schema);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await dropSchema(POSTGRES_URL, schema);
  });

  it('throttles a token past ROLLCALL_SCIM_RATE_LIMIT_BURST with 429, Retry-After and a SCIM body', async () => {
    const call = () => fetch(`${server.url}/scim/v2/${team.teamId}/Users?count=1`, { headers: { authorization: `Bearer ${team.token}` } });
    const answers = [await call(), await call(), await call()];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(answers[2].headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(answers[2].headers.get('x-content-type-options')).toBe('nosniff');
    expect(await answers[2].json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^rollcall_scim_rate_limited_total 1$/m);
  });
});
