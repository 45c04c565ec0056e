// The yardstick: a fastify server that answers every GET with the same small
// SCIM JSON body and content type, no auth, no database. Its CPU per request
// is what HTTP parsing, routing and writing a response cost on this machine,
// measured in the same run as Rollcall so both see the same CPU and load.

import Fastify from 'fastify';
import { serveIpc } from './ipc.js';

const BODY = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  startIndex: 1,
  itemsPerPage: 0,
  Resources: [],
});

const app = Fastify({ logger: { level: 'silent' } });
app.get('/*', async (_request, reply) => reply.type('application/scim+json; charset=utf-8').send(BODY));

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the baseline server has no TCP address');

serveIpc({}, async () => {
  await app.close();
});
process.send?.({ type: 'ready', port: address.port });
