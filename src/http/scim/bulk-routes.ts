// RFC 7644 §3.7 Bulk: operations run in order, each on its own (a failure
// does not undo the others), `bulkId:<id>` references (in `data`, and as the
// id in a `path`) resolve to ids created earlier in the request (forward
// references are retried once the operation they point to has run; circular
// ones as §3.7.1 describes), `failOnErrors` stops after that many errors, and
// the advertised maxOperations / maxPayloadSize are enforced.
//
// Consecutive POST /Users (an IdP's initial push) share transactions
// (users.batch, storage/directory/batched-writes.ts): a commit each cost
// more than the create itself. A taken userName fails its create alone; any
// other failure inside a shared transaction rolls it back whole, and
// stepBatch runs its creates again one at a time. The answer is the one a
// transaction per operation gives.

import type { FastifyInstance } from 'fastify';
import type { ScimContext } from './scim-context.js';
import { ScimError, invalidSyntax, invalidValue } from '../../scim/errors.js';
import { toScimError } from './to-scim-error.js';
import { UnresolvedReference, resolvePath, resolveReferences, withoutReferences } from './bulk-references.js';
import { etagOf } from '../../scim/etag.js';
import type { UserView } from '../../domain/directory/users.js';
import { DomainError, causedBy } from '../../domain/errors.js';

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

interface Pending {
  op: BulkOperation;
  index: number;
}

const isPost = (op: BulkOperation | undefined) => String(op?.method ?? '').toUpperCase() === 'POST';
/** A create that can share a transaction with its neighbours. */
const isUserCreate = (op: BulkOperation | undefined) => isPost(op) && typeof op?.path === 'string' && /^\/Users$/i.test(op.path.trim());

type CreateUser = (teamId: string, body: unknown) => Promise<UserView>;
const resultBase = (op: BulkOperation | undefined) => ({ method: String(op?.method ?? '').toUpperCase(), ...(op?.bulkId ? { bulkId: op.bulkId } : {}) });

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

export function registerBulkRoutes(app: FastifyInstance, ctx: ScimContext): void {
  const { users, groups } = ctx.services;

  /** `createUser`: users.create, or the create of the batch the operation runs in. */
  async function run(teamId: string, baseUrl: string, op: BulkOperation, createUser: CreateUser = users.create): Promise<Omit<BulkResult, 'method' | 'bulkId'>> {
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
          const v = await createUser(teamId, op.data);
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
    /** bulkIds of POSTs that have not run yet: a reference to one waits for it. */
    const awaited = new Set(ops.filter((o) => isPost(o) && o.bulkId).map((o) => o.bulkId as string));
    const results: (BulkResult | undefined)[] = new Array(ops.length);
    let errors = 0;
    const stopped = () => failOnErrors !== undefined && errors >= failOnErrors;
    /**
     * Set once the database stops answering (database.unavailable): every
     * operation not yet run is answered 503 at once instead of being tried,
     * and nothing is run again. Retrying a thousand creates one by one
     * against a database that does not answer would hold the request for
     * hours, long after the IdP gave up; the IdP retries what got 503.
     */
    let databaseDown: DomainError | undefined;
    const fail = (op: BulkOperation, index: number, error: unknown) => {
      const down = causedBy(error, 'database.unavailable');
      const first = down && !databaseDown;
      if (down) databaseDown ??= new DomainError('database.unavailable', 'the database did not answer in time; the request was rolled back, retry shortly');
      const answer = down ? databaseDown : error;
      const { error: scimError, unexpected } = toScimError(answer instanceof UnresolvedReference ? new ScimError(409, answer.message, 'invalidValue') : answer);
      // The outage is logged once per Bulk (with the driver's error), not once per operation.
      if (unexpected && (!down || first)) request.log.error({ err: error }, 'unexpected error in a bulk operation');
      results[index] = { ...resultBase(op), status: String(scimError.status), response: scimError.toBody() };
      if (isPost(op) && op.bulkId) awaited.delete(op.bulkId);
      errors++;
    };

    /**
     * RFC 7644 §3.7.1: POSTs that wait on each other are each created without
     * the references still unresolved, then (every id now known) written
     * whole by a PUT, before any other operation that waits on them runs.
     */
    async function resolveCycle(cycle: Pending[]) {
      const created: { item: Pending; path: string }[] = [];
      for (const item of cycle) {
        if (stopped()) return;
        if (databaseDown) {
          fail(item.op, item.index, databaseDown);
          continue;
        }
        try {
          const data = resolveReferences(withoutReferences(item.op.data, awaited), createdIds);
          const location = (await run(request.teamId, request.scimBaseUrl, { ...item.op, data })).location as string;
          createdIds.set(item.op.bulkId as string, location.split('/').pop() as string);
          created.push({ item, path: location.slice(request.scimBaseUrl.length) });
        } catch (error) {
          fail(item.op, item.index, error);
        }
      }
      for (const { item } of created) awaited.delete(item.op.bulkId as string);
      for (const { item, path } of created) {
        if (databaseDown) {
          fail(item.op, item.index, databaseDown);
          continue;
        }
        try {
          const data = resolveReferences(item.op.data, createdIds);
          const outcome = await run(request.teamId, request.scimBaseUrl, { method: 'PUT', path, data });
          results[item.index] = { ...resultBase(item.op), ...outcome, status: '201' };
        } catch (error) {
          fail(item.op, item.index, error);
        }
      }
    }

    /** Runs one operation and records its outcome, or defers it while it waits on a bulkId. */
    async function step(item: Pending, deferred: Pending[], createUser?: CreateUser) {
      const { op, index } = item;
      if (databaseDown) return fail(op, index, databaseDown);
      try {
        if (!op || typeof op !== 'object') throw invalidValue('each bulk operation must be an object');
        const data = resolveReferences(op.data, createdIds);
        const path = resolvePath(op.path, createdIds) as string;
        const outcome = await run(request.teamId, request.scimBaseUrl, { ...op, data, path }, createUser);
        if (op.bulkId && outcome.location) {
          createdIds.set(op.bulkId, outcome.location.split('/').pop() as string);
          awaited.delete(op.bulkId);
        }
        results[index] = { ...resultBase(op), ...outcome };
      } catch (error) {
        if (error instanceof UnresolvedReference && awaited.has(error.bulkId)) deferred.push(item);
        else fail(op, index, error);
      }
    }

    /**
     * Runs the first of `items` (all user creates) and as many after it as
     * one transaction takes; returns how many ran. Should the transaction
     * itself fail (its commit), nothing of it was kept: what it recorded is
     * undone and those operations run again, each on its own.
     */
    async function stepBatch(items: Pending[], deferred: Pending[], retry = true): Promise<number> {
      const before = { ids: new Map(createdIds), awaited: new Set(awaited), errors, deferred: deferred.length };
      let ran = 0;
      /** Undoes what the failed transaction's operations recorded (ids, results, errors, deferrals). */
      const restore = () => {
        createdIds.clear();
        before.ids.forEach((id, bulkId) => createdIds.set(bulkId, id));
        awaited.clear();
        before.awaited.forEach((bulkId) => awaited.add(bulkId));
        errors = before.errors;
        deferred.length = before.deferred;
        for (const item of items.slice(0, Math.max(1, ran))) results[item.index] = undefined;
      };
      try {
        await users.batch(async (batch) => {
          for (const item of items) {
            if (stopped() || (ran > 0 && batch.full())) break;
            await step(item, deferred, batch.create);
            ran++;
          }
        });
        return ran;
      } catch (error) {
        if (causedBy(error, 'database.unavailable')) {
          // Nothing of the transaction was kept; its operations (and all after them) get 503.
          restore();
          const again = items.slice(0, Math.max(1, ran));
          for (const item of again) fail(item.op, item.index, error);
          return again.length;
        }
        request.log.warn({ err: error }, retry ? 'a bulk transaction failed; its operations run again in one more' : 'a bulk transaction failed; its operations run again one at a time');
        restore();
        // At least the first: a transaction that could not even begin ran none.
        const again = items.slice(0, Math.max(1, ran));
        // Once more together first: a transaction that failed on a userName
        // another one holds (batched-writes.ts) now checks that one in time;
        // a commit each would cost the run hundreds of them.
        if (retry) return stepBatch(again, deferred, false);
        for (const item of again) {
          if (stopped()) break;
          await step(item, deferred);
        }
        return again.length;
      }
    }

    let pending: Pending[] = ops.map((op, index) => ({ op, index }));
    // Each pass runs what it can; a pass that runs nothing ends the loop,
    // unless what is left waits on a cycle of POSTs, which is then resolved.
    while (pending.length > 0 && !stopped()) {
      const deferred: Pending[] = [];
      for (let i = 0; i < pending.length && !stopped(); ) {
        if (!isUserCreate(pending[i].op)) {
          await step(pending[i], deferred);
          i++;
          continue;
        }
        let end = i + 1;
        while (end < pending.length && isUserCreate(pending[end].op)) end++;
        i += await stepBatch(pending.slice(i, end), deferred);
      }
      if (stopped() || deferred.length === 0) break;
      if (deferred.length === pending.length) {
        const cycle = deferred.filter((d) => isPost(d.op) && d.op.bulkId);
        if (cycle.length === 0) {
          for (const { op, index } of deferred) fail(op, index, new ScimError(409, `bulkId reference cannot be resolved: ${JSON.stringify(op?.bulkId ?? op?.path)}`, 'invalidValue'));
          break;
        }
        await resolveCycle(cycle);
        pending = deferred.filter((d) => results[d.index] === undefined);
        continue;
      }
      pending = deferred;
    }
    return reply.code(200).send({ schemas: [BULK_RESPONSE], Operations: results.filter((r): r is BulkResult => r !== undefined) });
  });
}
