// The Active Directory Management wizard's place, per team (issue 14): which
// step is open, which steps were done, and when the wizard was finished. Kept
// on the server so a reload, another tab or another admin opens where the
// team left off — not where a guess from the team's state would put it.

import type { Clock } from '../ports.js';
import type { SetupProgressStore } from './store.js';

/** The wizard's steps, in order (web/src/pages/ad/setup-wizard.tsx). */
export const SETUP_STEPS = ['sso', 'start', 'credentials', 'idp', 'test', 'limits', 'review'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SetupProgress {
  /** The open step: an index into SETUP_STEPS, or SETUP_STEPS.length once finished. */
  step: number;
  completed: SetupStep[];
  finishedAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const NO_PROGRESS: SetupProgress = { step: 0, completed: [], finishedAt: null, updatedAt: null, updatedBy: null };

export interface ProgressInput {
  step: number;
  completed: SetupStep[];
  finished: boolean;
}

/** The body of a PUT, checked: `{ step, completed?, finished? }`, or what is wrong with it. */
export function readProgressInput(body: unknown): ProgressInput | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'send a JSON object like { "step": 2, "completed": ["sso", "start"] }';
  const { step, completed = [], finished = false, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `"${unknown[0]}" is not a setup progress field; expected step, completed, finished`;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > SETUP_STEPS.length) return `step must be an integer from 0 to ${SETUP_STEPS.length}`;
  if (!Array.isArray(completed) || completed.some((s) => !SETUP_STEPS.includes(s as SetupStep))) return `completed must be a list of step names: ${SETUP_STEPS.join(', ')}`;
  if (typeof finished !== 'boolean') return 'finished must be true or false';
  // Stored in wizard order, each once, whatever order the browser sent.
  return { step, completed: SETUP_STEPS.filter((s) => completed.includes(s)), finished };
}

export function createSetupProgressService(deps: { store: SetupProgressStore; clock: Clock }) {
  const { store, clock } = deps;
  return {
    async get(teamId: string): Promise<SetupProgress> {
      const row = await store.find(teamId);
      if (!row) return NO_PROGRESS;
      const saved = JSON.parse(row.progress) as Pick<SetupProgress, 'step' | 'completed' | 'finishedAt'>;
      return { ...saved, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
    },

    /** Records the wizard's place; finishing keeps the first finish time, reopening a step clears it. */
    async put(teamId: string, input: ProgressInput, by: string | null): Promise<SetupProgress> {
      const before = await this.get(teamId);
      const at = clock.now().toISOString();
      const finishedAt = input.finished || input.step === SETUP_STEPS.length ? (before.finishedAt ?? at) : null;
      const progress = { step: finishedAt ? SETUP_STEPS.length : input.step, completed: finishedAt ? [...SETUP_STEPS] : input.completed, finishedAt };
      await store.save(teamId, JSON.stringify(progress), at, by);
      return { ...progress, updatedAt: at, updatedBy: by };
    },
  };
}

export type SetupProgressService = ReturnType<typeof createSetupProgressService>;
