// Every phase group of `npm run bench`, in the order a full run measures
// them. A new group is a file exporting a PhaseGroup, listed here.

import type { PhaseGroup } from './phase-groups.js';
import { runWorkload } from './workload.js';
import { authorizePhases } from './authorize-phase.js';
import { CORE_RULES } from './report.js';
import { deepPages } from './deep-pages-phase.js';
import { bigTeamLimits } from './big-team-limits-phase.js';
import { hotPath } from './hot-path-phase.js';
import { bigGroup } from './big-group-phase.js';
import { initialSync } from './initial-sync-phase.js';

const workload: PhaseGroup = {
  id: 'workload',
  description: 'IdP-shaped SCIM traffic: lookups, GET by id, pages, group membership, creates (bench/workload.ts)',
  rules: CORE_RULES.filter((r) => !('numerator' in r) || !r.numerator.startsWith('spend-')),
  run: (ctx) => runWorkload({ sizes: ctx.options.sizes, rollcall: ctx.rollcall, baseline: ctx.baseline, teams: ctx.teams, baselineClient: ctx.baselineClient, dbCpu: ctx.dbCpu, log: ctx.log }),
};

const authorize: PhaseGroup = {
  id: 'authorize',
  description: 'spend authorization and usage on the host API, beside its own baseline (bench/authorize-phase.ts)',
  rules: CORE_RULES.filter((r) => 'numerator' in r && r.numerator.startsWith('spend-')),
  run: async (ctx) => {
    // Alone (`--only authorize`), the large team is still empty: give it the lookup team's users.
    if (ctx.options.only && !ctx.options.only.includes('workload')) {
      ctx.log(`seeding the large team: ${ctx.options.sizes.lookupTeam.toLocaleString('en-US')} users`);
      await ctx.rollcall.call({ cmd: 'seedUsers', team: 'large', from: 0, to: ctx.options.sizes.lookupTeam });
    }
    return authorizePhases({ sizes: ctx.options.sizes, rollcall: ctx.rollcall, baseline: ctx.baseline, team: { name: 'large', teamId: ctx.teams.large.teamId }, dbCpu: ctx.dbCpu, log: ctx.log });
  },
};

export const PHASE_GROUPS: PhaseGroup[] = [workload, authorize, hotPath, deepPages, initialSync, bigGroup, bigTeamLimits];
