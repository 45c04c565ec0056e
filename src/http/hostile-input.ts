// The one guard against hostile text for every HTTP surface (SCIM, /api/v1,
// /api/admin): JSON bodies are parsed and then walked for U+0000, lone UTF-16
// surrogates and nesting deeper than MAX_JSON_DEPTH (scim/limits.ts); query
// parameters and path parameters are checked for the same characters. A
// surface turns the problem into its own 400 (SCIM invalidValue, API
// request.invalid_value), so nothing hostile reaches a service or a database.

import type { FastifyRequest } from 'fastify';
import { describeProblem, findHostileJson, type InputProblem } from '../scim/limits.js';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; syntax: boolean; message: string };

/** JSON text → a value that passed the guard, or why not (syntax vs. value). */
export function parseGuardedJson(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, syntax: true, message: 'the request body is not valid JSON' };
  }
  return checkedBody(value);
}

/** A value already parsed (by another parser) run through the guard. */
export function checkedBody(value: unknown): ParsedBody {
  const problem = findHostileJson(value, 'body');
  return problem ? { ok: false, syntax: false, message: describeProblem(problem) } : { ok: true, value };
}

/** The first hostile query or path parameter of a request, if any. */
export function hostileParameters(request: FastifyRequest): InputProblem | undefined {
  return findHostileJson(request.params ?? {}, 'path', 4) ?? findHostileJson(request.query ?? {}, 'query', 4);
}
