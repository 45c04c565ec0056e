// The shape of a recorded IdP lifecycle (test/fixtures/idp/*.json), checked
// when it is loaded so a broken file is reported before anything is sent.

export interface StepExpect {
  status?: number[];
  bodyContains?: unknown;
  bodyNotContains?: unknown;
  absent?: string[];
  headers?: Record<string, string>;
  when?: Record<string, Omit<StepExpect, 'status' | 'when'>>;
}

export interface Step {
  name: string;
  kind?: 'verify';
  method: string;
  path: string;
  headers?: Record<string, string>;
  omitHeaders?: string[];
  body?: unknown;
  bodyRaw?: string;
  bodyMergeFrom?: string;
  expect?: StepExpect;
  capture?: Record<string, string>;
}

export interface Scenario {
  idp: string;
  title?: string;
  vars?: Record<string, string>;
  defaultHeaders?: Record<string, string>;
  sendContentTypeWithoutBody?: boolean;
  steps: Step[];
  teardown?: Step[];
}

export class ScenarioError extends Error {}

function checkStep(step: unknown, where: string): asserts step is Step {
  const s = step as Partial<Step> | null;
  if (!s || typeof s !== 'object') throw new ScenarioError(`${where} is not an object`);
  if (typeof s.name !== 'string' || typeof s.method !== 'string' || typeof s.path !== 'string') {
    throw new ScenarioError(`${where} needs "name", "method" and "path" strings`);
  }
  if (s.expect?.status !== undefined && !(Array.isArray(s.expect.status) && s.expect.status.every(Number.isInteger))) {
    throw new ScenarioError(`${where} ("${s.name}"): expect.status must be a list of status codes`);
  }
}

/** Parses and checks a scenario file's text; `label` names it in errors. */
export function parseScenario(text: string, label: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`${label} is not JSON: ${(error as Error).message}`);
  }
  const s = data as Partial<Scenario> | null;
  if (!s || typeof s !== 'object' || !Array.isArray(s.steps)) throw new ScenarioError(`${label} has no "steps" list`);
  s.steps.forEach((step, i) => checkStep(step, `${label} steps[${i}]`));
  (s.teardown ?? []).forEach((step, i) => checkStep(step, `${label} teardown[${i}]`));
  return { idp: typeof s.idp === 'string' ? s.idp : label, ...s } as Scenario;
}
