// Records every SCIM request in the activity log, off the hot path: the
// onResponse hook builds one small object and hands it to the buffer
// (domain/activity/activity-log.ts), which writes batches in the background. The error
// body is kept from onSend (only for errors); a 401's bearer token is hashed
// so the log can tell a revoked token from an unknown one, and never stored.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActivityLog } from '../../domain/activity/activity-log.js';
import { hashSecret } from '../../domain/secrets.js';
import { redactQuerySecrets } from '../redact-query-secrets.js';
import type { ActivitySampler } from './activity-sampler.js';

/** Bodies larger than this are summarised but not kept in memory until the flush. */
const KEEP_BODY_BYTES = 256 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    activityError?: string;
  }
}

/** The team id of `/scim/v2/<team>/…`, found without splitting the whole URL (this runs on every request). */
export function teamOf(url: string): string {
  // The id starts after the third '/' and ends at the next '/' or '?' (as url.split('/')[3] without its query).
  const second = url.indexOf('/', 1);
  const third = second < 0 ? -1 : url.indexOf('/', second + 1);
  if (third < 0) return '';
  const start = third + 1;
  let end = start;
  while (end < url.length && url[end] !== '/' && url[end] !== '?') end++;
  return url.slice(start, end);
}

function bearerHash(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization?.trim() ?? '');
  return match ? hashSecret(match[1].trim()) : null;
}

export function recordScimActivity(app: FastifyInstance, activity: ActivityLog, sampler?: ActivitySampler): void {
  app.decorateRequest('activityError', undefined);

  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && typeof payload === 'string') request.activityError = payload.slice(0, 4000);
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const tokenHash = status === 401 ? bearerHash(request) : undefined;
    const teamId = teamOf(request.url);
    // Refused-request noise (no or made-up credentials, 429s) is sampled: activity-sampler.ts.
    if (sampler && !sampler.keep({ teamId, status, tokenHash, shed: request.shed })) return done();
    const length = Number(request.headers['content-length'] ?? 0);
    const location = reply.getHeader('location');
    activity.record({
      teamId,
      method: request.method,
      url: redactQuerySecrets(request.url),
      status,
      latencyMs: reply.elapsedTime,
      userAgent: request.headers['user-agent'],
      body: length <= KEEP_BODY_BYTES ? request.body : { note: `body of ${length} bytes not kept` },
      errorBody: request.activityError,
      location: typeof location === 'string' ? location : undefined,
      requestId: request.id,
      tokenHash,
    });
    done();
  });

  app.addHook('onClose', async () => {
    await activity.close();
  });
}
