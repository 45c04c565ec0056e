// The issue's four criteria as ratios of measured server CPU per operation,
// and the table printed at the end of a run. Server CPU is everything the
// server side burns for a request: the Rollcall process, plus the PostgreSQL
// backends serving it when the database is PostgreSQL (SQLite runs inside
// the Rollcall process, so its work is already counted there).

import type { PhaseResult } from './measure.js';

export interface Verdict {
  criterion: string;
  /** A ratio rule: numerator / denominator, both server-side CPU ms per operation (Rollcall + PostgreSQL backends). An absolute rule: the figure itself, in `unit`. */
  ratio: number;
  limit: number;
  /** `max`: ratio ≤ limit passes; `below`: ratio < limit passes; `min`: ratio ≥ limit passes (a floor, e.g. members per second). */
  kind: 'max' | 'below' | 'min';
  pass: boolean;
  /** With PostgreSQL: the same ratio over the Rollcall process's CPU alone, for information. */
  ratioRollcallOnly?: number;
  numerator: string;
  /** Absent for an absolute rule. */
  denominator?: string;
  /** Absolute rules: what the figure is in (`ms`, `s`, `MB`, `members/s`). */
  unit?: string;
}

/** Server-side CPU of a phase: the Rollcall process plus the PostgreSQL backends serving it. */
export const serverSideCpu = (r: PhaseResult) => r.cpuMsPerOp + (r.dbCpuMsPerOp ?? 0);

/** Two phases of one run compared: numerator / denominator of their server-side CPU per operation. */
export interface RatioRule {
  criterion: string;
  numerator: string;
  denominator: string;
  limit: number;
  kind: Verdict['kind'];
  /** Judged only on this database (a bound that differs between them). */
  onlyOn?: 'sqlite' | 'postgres';
}

/** One figure of one phase against a bound (the issue's absolute targets: wall seconds, ms per member, MB). */
export interface AbsoluteRule {
  criterion: string;
  phase: string;
  /** The figure, read off the phase's result. */
  value: (r: PhaseResult) => number;
  unit: string;
  limit: number;
  kind: Verdict['kind'];
  onlyOn?: 'sqlite' | 'postgres';
}

export type Rule = RatioRule | AbsoluteRule;

const isRatio = (rule: Rule): rule is RatioRule => 'numerator' in rule;

export const CORE_RULES: Rule[] = [
  { criterion: 'userName lookup ≤ 3× baseline CPU', numerator: 'lookup-username', denominator: 'baseline-get', limit: 3, kind: 'max' },
  { criterion: 'GET by id ≤ 3× baseline CPU', numerator: 'get-by-id', denominator: 'baseline-get', limit: 3, kind: 'max' },
  { criterion: 'member add: last 100 ≤ 1.3× first 100', numerator: 'member-add-last', denominator: 'member-add-first', limit: 1.3, kind: 'max' },
  { criterion: 'member remove: at full size ≤ 1.3× at ~0', numerator: 'member-remove-last', denominator: 'member-remove-first', limit: 1.3, kind: 'max' },
  { criterion: 'first page: large team ≤ 1.5× small team', numerator: 'page-first-large', denominator: 'page-first-small', limit: 1.5, kind: 'max' },
  { criterion: 'middle page: large team ≤ 1.5× small team', numerator: 'page-middle-large', denominator: 'page-middle-small', limit: 1.5, kind: 'max' },
  { criterion: 'groups.value eq first page: large group ≤ 1.5× small group', numerator: 'groups-filter-large', denominator: 'groups-filter-small', limit: 1.5, kind: 'max' },
  { criterion: 'Bulk create per user < single POST', numerator: 'create-bulk', denominator: 'create-post', limit: 1, kind: 'below' },
  { criterion: 'spend authorize ≤ 3× baseline CPU', numerator: 'spend-authorize', denominator: 'baseline-spend', limit: 3, kind: 'max' },
];

export function verdicts(results: PhaseResult[], rules: Rule[] = CORE_RULES): Verdict[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const judge = (kind: Verdict['kind'], ratio: number, limit: number) => (kind === 'max' ? ratio <= limit : kind === 'min' ? ratio >= limit : ratio < limit);
  return rules.flatMap((rule): Verdict[] => {
    if (!isRatio(rule)) {
      const r = byId.get(rule.phase);
      if (!r) return [];
      const value = rule.value(r);
      return [{ criterion: rule.criterion, ratio: value, limit: rule.limit, kind: rule.kind, pass: judge(rule.kind, value, rule.limit), numerator: rule.phase, unit: rule.unit }];
    }
    const n = byId.get(rule.numerator);
    const d = byId.get(rule.denominator);
    if (!n || !d) return [];
    const ratio = serverSideCpu(n) / serverSideCpu(d);
    const hasDb = n.dbCpuMsPerOp !== undefined;
    return [{
      criterion: rule.criterion,
      ratio,
      limit: rule.limit,
      kind: rule.kind,
      pass: judge(rule.kind, ratio, rule.limit),
      ...(hasDb ? { ratioRollcallOnly: n.cpuMsPerOp / d.cpuMsPerOp } : {}),
      numerator: rule.numerator,
      denominator: rule.denominator,
    }];
  });
}

export function formatTable(results: PhaseResult[]): string {
  const hasDb = results.some((r) => r.dbCpuMsPerOp !== undefined);
  const rows = results.map((r) => [
    r.label,
    r.at ?? '',
    String(r.requests * r.unitsPerRequest) + (r.truncated ? ' (time limit)' : ''),
    r.cpuMsPerOp.toFixed(3),
    r.systemCpuMsPerOp.toFixed(3),
    ...(hasDb ? [r.dbCpuMsPerOp === undefined ? '' : r.dbCpuMsPerOp.toFixed(3)] : []),
    r.wallMsPerOp.toFixed(3),
  ]);
  const header = ['phase', 'at', 'ops', hasDb ? 'Rollcall CPU ms/op' : 'server CPU ms/op', 'of which kernel', ...(hasDb ? ['PostgreSQL CPU ms/op'] : []), 'wall ms/op'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatVerdicts(list: Verdict[]): string {
  return list
    .map((v) => {
      const db = v.ratioRollcallOnly === undefined ? '' : `; Rollcall process alone ${v.ratioRollcallOnly.toFixed(2)}`;
      const bound = `${v.kind === 'max' ? '≤' : v.kind === 'min' ? '≥' : '<'} ${v.limit}${v.unit ? ` ${v.unit}` : ''}`;
      const figure = v.unit ? `${v.ratio.toFixed(v.ratio < 10 ? 3 : 1)} ${v.unit}` : `ratio ${v.ratio.toFixed(2)}`;
      return `${v.pass ? 'PASS' : 'FAIL'}  ${v.criterion.padEnd(44)} ${figure} (limit ${bound})${db}`;
    })
    .join('\n');
}
