// Placeholders in recorded IdP traffic (test/fixtures/idp/README.md):
// `{{name}}` with filters `|url`, `|form`, `|upper`, `|lower`; a whole string
// `"{{@name}}"` keeps the captured value's JSON type; built-ins `{{token}}`,
// `{{baseUrl}}`, `{{run}}`, `{{$uuid}}`, `{{$hex:N}}`, `{{$now}}`.

import { randomBytes, randomUUID } from 'node:crypto';

/** A step that names a variable nobody set: it fails without being sent. */
export class MissingVariable extends Error {}

const PLACEHOLDER = /\{\{\s*([^}|]+?)\s*((?:\|\s*[a-z]+\s*)*)\}\}/g;
const WHOLE_TYPED = /^\{\{@\s*([^}|]+?)\s*\}\}$/;

const FILTERS: Record<string, (s: string) => string> = {
  url: encodeURIComponent,
  form: (s) => encodeURIComponent(s).replace(/%20/g, '+'),
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
};

export interface Scope {
  /** Captured values and already-resolved variables. */
  values: Map<string, unknown>;
  /** Scenario variables not yet resolved (templates themselves). */
  pending: Map<string, string>;
}

export function createScope(builtins: Record<string, string>, vars: Record<string, string>, overrides: Record<string, string>): Scope {
  const values = new Map<string, unknown>(Object.entries(builtins));
  const pending = new Map(Object.entries({ ...vars, ...overrides }));
  return { values, pending };
}

function lookup(scope: Scope, name: string, seen: Set<string> = new Set()): unknown {
  if (name === '$uuid') return randomUUID();
  if (name === '$now') return new Date().toISOString();
  const hex = /^\$hex:(\d{1,3})$/.exec(name);
  if (hex) return randomBytes(Math.ceil(Number(hex[1]) / 2)).toString('hex').slice(0, Number(hex[1]));
  if (scope.values.has(name)) return scope.values.get(name);
  const template = scope.pending.get(name);
  if (template === undefined || seen.has(name)) throw new MissingVariable(`variable "${name}" was never set or captured`);
  seen.add(name);
  // A variable is fixed the first time it is used, so `{{$uuid}}` in it stays one value.
  const value = interpolateString(scope, template, seen);
  scope.pending.delete(name);
  scope.values.set(name, value);
  return value;
}

function interpolateString(scope: Scope, text: string, seen?: Set<string>): unknown {
  const typed = WHOLE_TYPED.exec(text);
  if (typed) return lookup(scope, typed[1], seen);
  return text.replace(PLACEHOLDER, (_, name: string, filters: string) => {
    const raw = lookup(scope, name, seen);
    let value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    for (const f of filters.split('|').map((x) => x.trim()).filter(Boolean)) {
      const apply = FILTERS[f];
      if (!apply) throw new MissingVariable(`unknown placeholder filter "|${f}"`);
      value = apply(value);
    }
    return value;
  });
}

/** Replaces placeholders in a string, or in every string of a JSON value. */
export function interpolate(scope: Scope, value: unknown): unknown {
  if (typeof value === 'string') return interpolateString(scope, value);
  if (Array.isArray(value)) return value.map((v) => interpolate(scope, v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(scope, v)]));
  return value;
}

export function interpolateText(scope: Scope, text: string): string {
  const v = interpolateString(scope, text);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
