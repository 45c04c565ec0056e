// Replays a recorded IdP lifecycle against a SCIM base URL, step by step, and
// judges each answer (status, body, headers); `teardown` steps clean up what
// the IdP itself never deletes and are not counted.

import { randomBytes } from 'node:crypto';
import { mismatches, presentPaths, valueAt } from './match.js';
import { createScope, interpolate, interpolateText, MissingVariable, type Scope } from './template.js';
import type { Scenario, Step, StepExpect } from './scenario.js';

export interface StepResult {
  name: string;
  verify: boolean;
  ok: boolean;
  status?: number;
  errors: string[];
}

export interface ReplayResult {
  idp: string;
  passed: number;
  failed: number;
  steps: StepResult[];
}

export interface ReplayOptions {
  baseUrl: string;
  token: string;
  vars?: Record<string, string>;
  /** Leave what the scenario created in place (default: clean up). */
  teardown?: boolean;
  /** One line per step as it runs. */
  log?: (line: string) => void;
  requestTimeoutMs?: number;
}

type Sent = { status: number; headers: Headers; text: string };

function deepMerge(base: unknown, over: unknown): unknown {
  if (!base || !over || typeof base !== 'object' || typeof over !== 'object' || Array.isArray(base) || Array.isArray(over)) return over;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) merged[k] = deepMerge(merged[k], v);
  return merged;
}

function requestOf(scenario: Scenario, step: Step, scope: Scope) {
  const headers = new Map<string, [string, string]>();
  for (const [k, v] of Object.entries({ ...scenario.defaultHeaders })) headers.set(k.toLowerCase(), [k, v]);
  for (const [k, v] of Object.entries({ ...step.headers })) headers.set(k.toLowerCase(), [k, v]);
  for (const k of step.omitHeaders ?? []) headers.delete(k.toLowerCase());
  let body: string | undefined;
  if (step.bodyRaw !== undefined) body = interpolateText(scope, step.bodyRaw);
  else if (step.body !== undefined) {
    const own = interpolate(scope, step.body);
    body = JSON.stringify(step.bodyMergeFrom ? deepMerge(structuredClone(scope.values.get(step.bodyMergeFrom) ?? {}), own) : own);
    if (step.bodyMergeFrom && !scope.values.has(step.bodyMergeFrom)) throw new MissingVariable(`variable "${step.bodyMergeFrom}" was never captured`);
  }
  if (body === undefined && !scenario.sendContentTypeWithoutBody) headers.delete('content-type');
  const sent: Record<string, string> = {};
  for (const [name, value] of headers.values()) sent[name] = interpolateText(scope, value);
  return { method: step.method.toUpperCase(), path: interpolateText(scope, step.path), headers: sent, body };
}

function judge(expect: StepExpect | undefined, res: Sent, scope: Scope): string[] {
  if (!expect) return [];
  const errors: string[] = [];
  if (expect.status && !expect.status.includes(res.status)) errors.push(`status ${res.status}, expected ${expect.status.join(' or ')}: ${res.text.slice(0, 300)}`);
  const rules = [expect, expect.when?.[String(res.status)]].filter((r): r is StepExpect => r !== undefined);
  for (const rule of rules) {
    for (const [name, want] of Object.entries(rule.headers ?? {})) {
      errors.push(...mismatches(interpolate(scope, want), res.headers.get(name) ?? undefined, `header ${name}`));
    }
  }
  const bodyRules = rules.filter((r) => r.bodyContains !== undefined || r.bodyNotContains !== undefined || r.absent);
  // A 204 answer has no body to judge.
  if (res.status === 204 || bodyRules.length === 0) return errors;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [...errors, `the body is not JSON: ${res.text.slice(0, 200)}`];
  }
  for (const rule of bodyRules) {
    if (rule.bodyContains !== undefined) errors.push(...mismatches(interpolate(scope, rule.bodyContains), body));
    if (rule.bodyNotContains !== undefined && mismatches(interpolate(scope, rule.bodyNotContains), body).length === 0) {
      errors.push(`the body contains what it must not: ${JSON.stringify(interpolate(scope, rule.bodyNotContains))}`);
    }
    for (const path of presentPaths(rule.absent ?? [], body)) errors.push(`"${path}" must be absent`);
  }
  return errors;
}

function capture(step: Step, res: Sent, scope: Scope): string[] {
  const errors: string[] = [];
  let body: unknown;
  for (const [name, from] of Object.entries(step.capture ?? {})) {
    let value: unknown;
    if (from.startsWith('header:')) value = res.headers.get(from.slice(7)) ?? undefined;
    else {
      body ??= JSON.parse(res.text || 'null');
      value = from === '$body' ? body : valueAt(body, from);
    }
    if (value === undefined) errors.push(`capture ${name}: nothing at "${from}"`);
    else scope.values.set(name, value);
  }
  return errors;
}

async function runStep(scenario: Scenario, step: Step, scope: Scope, options: ReplayOptions): Promise<StepResult> {
  const result: StepResult = { name: step.name, verify: step.kind === 'verify', ok: false, errors: [] };
  let request;
  try {
    request = requestOf(scenario, step, scope);
  } catch (error) {
    if (!(error instanceof MissingVariable)) throw error;
    result.errors.push(`not sent: ${error.message}`);
    return result;
  }
  try {
    const res = await fetch(options.baseUrl.replace(/\/+$/, '') + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
    });
    const sent = { status: res.status, headers: res.headers, text: await res.text() };
    result.status = sent.status;
    result.errors.push(...judge(step.expect, sent, scope));
    if (result.errors.length === 0) result.errors.push(...capture(step, sent, scope));
  } catch (error) {
    result.errors.push(`${request.method} ${request.path}: ${(error as Error).message}`);
  }
  result.ok = result.errors.length === 0;
  return result;
}

export async function runScenario(scenario: Scenario, options: ReplayOptions): Promise<ReplayResult> {
  const scope = createScope({ token: options.token, baseUrl: options.baseUrl, run: randomBytes(4).toString('hex') }, scenario.vars ?? {}, options.vars ?? {});
  const steps: StepResult[] = [];
  for (const step of scenario.steps) {
    const result = await runStep(scenario, step, scope, options);
    steps.push(result);
    options.log?.(`${result.ok ? 'ok  ' : 'FAIL'} ${scenario.idp} ${result.verify ? '[verify] ' : ''}${step.name}${result.status ? ` (${result.status})` : ''}${result.ok ? '' : `\n       ${result.errors.join('\n       ')}`}`);
  }
  if (options.teardown !== false) {
    for (const step of scenario.teardown ?? []) {
      const result = await runStep(scenario, step, scope, options);
      if (!result.ok) options.log?.(`teardown ${step.name}: ${result.errors.join('; ')}`);
    }
  }
  const failed = steps.filter((s) => !s.ok).length;
  return { idp: scenario.idp, passed: steps.length - failed, failed, steps };
}
