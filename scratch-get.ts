import { openStorage } from './src/storage/database.js';
import { createServices } from './src/services.js';
import { sql } from 'kysely';
import { groupJsonPieces } from './src/http/scim/group-stream.js';
const storage = await openStorage('sqlite:/tmp/bg/scratch.db', { sqlite: { synchronous: 'FULL' } });
const services = createServices(storage, { memberStreaming: { batch: Number(process.env.BATCH ?? 2000) } });
const team = (await sql<{ id: string }>`select id from teams where slug = 'scratch'`.execute(storage.db)).rows[0].id;
const big = (await sql<{ id: string }>`select id from groups where display_name = 'big-group'`.execute(storage.db)).rows[0].id;
for (let round = 0; round < 3; round++) {
  const a = process.cpuUsage(); const t0 = performance.now();
  const read = await services.groups.read(team, big, { members: true });
  let bytes = 0;
  for await (const piece of groupJsonPieces({ group: read.group, batches: read.stream!.batches, baseUrl: 'http://x/scim/v2/t', schema: services.registry.group, projection: {} })) bytes += piece.length;
  const b = process.cpuUsage(a);
  console.log('bytes', bytes, 'cpu ms', ((b.user + b.system) / 1000).toFixed(0), 'wall', (performance.now() - t0).toFixed(0));
}
await storage.close();
