// The hostile-input guard (../hostile-input.ts) for the JSON APIs: fastify's
// own JSON parser (with its prototype-poisoning checks) followed by the walk
// for U+0000, lone surrogates and deep nesting; then the same check over
// query and path parameters. Both answer 400 `request.invalid_value`. No
// API route takes a repeated query parameter, and every route reads its
// parameters as strings: `?q=a&q=b` (an array) is refused here once.

import type { FastifyInstance } from 'fastify';
import { describeProblem } from '../../scim/limits.js';
import { checkedBody, hostileParameters } from '../hostile-input.js';
import { ApiError } from './api-error.js';

export const invalidValueApi = (message: string) => new ApiError(400, 'request.invalid_value', message);

export function guardApiInput(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const checked = checkedBody(value);
      if (checked.ok) return done(null, checked.value);
      done(invalidValueApi(checked.message), undefined);
    });
  });
  // A callback hook, not an async one: no promise to settle on every request.
  app.addHook('preValidation', (request, _reply, done) => {
    const problem = hostileParameters(request);
    if (problem) return done(invalidValueApi(describeProblem(problem)));
    const query = (request.query ?? {}) as Record<string, unknown>;
    let repeated: string | undefined;
    for (const name in query) {
      if (Object.prototype.hasOwnProperty.call(query, name) && typeof query[name] !== 'string') {
        repeated = name;
        break;
      }
    }
    done(repeated === undefined ? undefined : invalidValueApi(`query parameter "${repeated.slice(0, 60)}" is given more than once`));
  });
}
