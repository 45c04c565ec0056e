// A full GET of a large group, streamed: the same bytes as
// JSON.stringify(project(renderGroup(...))) (what sendResource sends), but
// written batch by batch as the members are read, so memory holds one batch
// however large the group. The stream reads a batch only when the socket
// takes the previous one (backpressure), and a client going away ends the
// snapshot the members are read from.

import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { MemberRow, StoredResource } from '../../domain/directory/types.js';
import type { MemberStream } from '../../domain/directory/groups.js';
import type { ResourceSchema } from '../../scim/schema/types.js';
import { project, projectsWhole } from '../../scim/project.js';
import { etagOf } from '../../scim/etag.js';
import { memberJsonWriter, renderGroup, renderMember } from './render.js';
import type { Projection } from './list-query.js';
import { SCIM_CONTENT_TYPE } from './scim-context.js';

/** About one batch of rendered members in flight; the socket's own buffer comes on top. */
const HIGH_WATER_MARK = 256 * 1024;

/**
 * The resource's JSON in pieces. renderGroup puts `members` just before
 * `meta` (the stored resource never holds members) and project() keeps the
 * order of keys and projects each element of `members` on its own, so the
 * members of each batch are projected alone and written in that place.
 */
export async function* groupJsonPieces(options: { group: StoredResource; batches: AsyncIterable<MemberRow[]>; baseUrl: string; schema: ResourceSchema; projection: Projection }): AsyncGenerator<string> {
  const { schema, projection, baseUrl } = options;
  const { meta, ...head } = project(renderGroup({ group: options.group }, baseUrl), projection, schema);
  const opening = JSON.stringify(head);
  yield opening.slice(0, -1);
  // Usually (no attributes / excludedAttributes touching members) project()
  // would keep every member as rendered: its JSON is then written directly.
  const direct = projectsWhole(schema, projection, 'members') ? memberJsonWriter(baseUrl) : undefined;
  let written = false;
  for await (const batch of options.batches) {
    let elements: string;
    if (direct) {
      if (batch.length === 0) continue;
      elements = direct(batch);
    } else {
      const members = project({ members: batch.map((m) => renderMember(m, baseUrl)) }, projection, schema).members as unknown[] | undefined;
      if (!members) continue;
      elements = JSON.stringify(members).slice(1, -1);
    }
    yield `${written ? ',' : ',"members":['}${elements}`;
    written = true;
  }
  yield `${written ? ']' : ''}${meta === undefined ? '' : `,"meta":${JSON.stringify(meta)}`}}`;
}

export function sendGroupStream(
  reply: FastifyReply,
  options: { group: StoredResource; stream: MemberStream; baseUrl: string; schema: ResourceSchema; projection: Projection },
): FastifyReply {
  const { stream } = options;
  const body = Readable.from(groupJsonPieces({ ...options, batches: stream.batches }), { objectMode: false, highWaterMark: HIGH_WATER_MARK });
  // Destroyed before its generator ran (the client left at once), the
  // generator's own cleanup never runs: the snapshot is ended here too.
  body.once('close', () => void stream.close());
  // The connection closing (the client left) ends it at once: the body's own
  // 'close' comes only once the batch being read is done, and the stream
  // reads one batch ahead, which a client gone away must not start.
  reply.raw.once('close', () => void stream.close());
  reply.code(200).type(SCIM_CONTENT_TYPE).header('ETag', etagOf(options.group.version));
  return reply.send(body);
}
