// RFC 7644 §3.7 Bulk: operations run in order, each on its own (a failure
// does not undo the others), `bulkId:<id>` references resolve to ids created
// earlier in the request (forward references are retried once the operation
// they point to has run), `failOnErrors` stops after that many errors, and
// the advertised maxOperations / maxPayloadSize are enforced.

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-plugin.js';
import { ScimError, invalidSyntax, invalidValue } from '../../scim/errors.js';
import { toScimError } from './to-scim-error.js';
import { etagOf } from '../../scim/etag.js';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

interface BulkOperation {
  method: string;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

interface BulkResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

class UnresolvedReference extends Error {
  constructor(readonly bulkId: string) {
    super(`bulkId:${bulkId} is not resolved`);
  }
}

function parseOperations(body: unknown, maxOperations: number): { ops: BulkOperation[]; failOnErrors?: number } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('a bulk request body must be a JSON object');
  const b = body as Record<string, unknown>;
  const schemas = b.schemas;
  if (Array.isArray(schemas) && !schemas.some((s) => String(s).toLowerCase() === BULK_REQUEST.toLowerCase())) {
    throw invalidSyntax(`a bulk request must carry the schema ${BULK_REQUEST}`);
  }
  const ops = b.Operations ?? b.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('a bulk request needs a non-empty "Operations" array');
  if (ops.length > maxOperations) throw new ScimError(413, `a bulk request may carry at most ${maxOperations} operations (got ${ops.length})`, 'tooMany');
  const failOnErrors = b.failOnErrors;
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
    throw invalidValue('failOnErrors must be a positive integer');
  }
  return { ops: ops as BulkOperation[], failOnErrors: failOnErrors as number | undefined };
}

/** Replaces every "bulkId:<id>" string inside `value` with the created id. */
function resolveReferences(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('bulkId:')) return value;
    const id = ids.get(value.slice('bulkId:'.length));
    if (id === undefined) throw new UnresolvedReference(value.slice('bulkId:'.length));
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, ids)]));
  }
  return value;
}

export function registerBulkRoutes(app: FastifyInstance, ctx: ScimContext): void {
  const { users, groups } = ctx.services;

  async function run(teamId: string, baseUrl: string, op: BulkOperation): Promise<Omit<BulkResult, 'method' | 'bulkId'>> {
    const method = String(op.method ?? '').toUpperCase();
    const path = typeof op.path === 'string' ? op.path.trim() : '';
    const match = /^\/(Users|Groups)(?:\/([^/?#]+))?$/i.exec(path);
    if (!match) throw invalidValue(`bulk operation path must be /Users, /Groups, /Users/{id} or /Groups/{id} (got "${path}")`);
    const isUser = match[1].toLowerCase() === 'users';
    const id = match[2];
    if (method === 'POST' && id) throw invalidValue('POST goes to /Users or /Groups, without an id');
    if (method !== 'POST' && !id) throw invalidValue(`${method || 'an operation'} needs a resource id in its path`);
    if (method === 'POST' && !op.bulkId) throw invalidValue('a bulk POST needs a bulkId');
    const version = op.version;
    switch (method) {
      case 'POST': {
        if (isUser) {
          const v = await users.create(teamId, op.data);
          return { status: '201', location: `${baseUrl}/Users/${v.user.id}`, version: etagOf(v.user.version) };
        }
        const v = await groups.create(teamId, op.data);
        return { status: '201', location: `${baseUrl}/Groups/${v.group.id}`, version: etagOf(v.group.version) };
      }
      case 'PUT':
      case 'PATCH': {
        const v = isUser
          ? (method === 'PUT' ? await users.replace(teamId, id, op.data, version) : await users.patch(teamId, id, op.data, version)).user
          : (method === 'PUT' ? await groups.replace(teamId, id, op.data, version) : await groups.patch(teamId, id, op.data, version)).group;
        return { status: '200', location: `${baseUrl}/${isUser ? 'Users' : 'Groups'}/${v.id}`, version: etagOf(v.version) };
      }
      case 'DELETE':
        await (isUser ? users.delete(teamId, id, version) : groups.delete(teamId, id, version));
        return { status: '204' };
      default:
        throw invalidValue(`unsupported bulk method "${op.method}"`);
    }
  }

  app.post('/Bulk', async (request, reply) => {
    const { ops, failOnErrors } = parseOperations(request.body, ctx.limits.bulkMaxOperations);
    const createdIds = new Map<string, string>();
    const results: (BulkResult | undefined)[] = new Array(ops.length);
    let errors = 0;
    let pending = ops.map((op, index) => ({ op, index }));
    // Each pass runs what it can; a pass that resolves nothing new ends the loop.
    while (pending.length > 0 && (failOnErrors === undefined || errors < failOnErrors)) {
      const deferred: typeof pending = [];
      for (const { op, index } of pending) {
        if (failOnErrors !== undefined && errors >= failOnErrors) break;
        const base = { method: String(op?.method ?? '').toUpperCase(), ...(op?.bulkId ? { bulkId: op.bulkId } : {}) };
        try {
          if (!op || typeof op !== 'object') throw invalidValue('each bulk operation must be an object');
          const data = resolveReferences(op.data, createdIds);
          const path = resolveReferences(op.path, createdIds) as string;
          const outcome = await run(request.teamId, request.scimBaseUrl, { ...op, data, path });
          if (op.bulkId && outcome.location) createdIds.set(op.bulkId, outcome.location.split('/').pop() as string);
          results[index] = { ...base, ...outcome };
        } catch (error) {
          if (error instanceof UnresolvedReference && ops.some((o) => o?.bulkId === error.bulkId) && !createdIds.has(error.bulkId)) {
            deferred.push({ op, index });
            continue;
          }
          const { error: scimError, unexpected } = toScimError(error instanceof UnresolvedReference ? new ScimError(409, error.message, 'invalidValue') : error);
          if (unexpected) request.log.error({ err: error }, 'unexpected error in a bulk operation');
          results[index] = { ...base, status: String(scimError.status), response: scimError.toBody() };
          errors++;
        }
      }
      if (deferred.length === pending.length) {
        for (const { op, index } of deferred) {
          const e = new ScimError(409, `bulkId reference cannot be resolved (circular or failed): ${JSON.stringify(op.bulkId ?? op.path)}`, 'invalidValue');
          results[index] = { method: String(op.method ?? '').toUpperCase(), ...(op.bulkId ? { bulkId: op.bulkId } : {}), status: '409', response: e.toBody() };
        }
        break;
      }
      pending = deferred;
    }
    return reply.code(200).send({ schemas: [BULK_RESPONSE], Operations: results.filter((r): r is BulkResult => r !== undefined) });
  });
}
