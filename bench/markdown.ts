// Prints a run's figures as the Markdown tables of docs/performance.md:
//   npx tsx bench/markdown.ts bench/results/latest-sqlite.json
// so the document shows exactly what one run measured.

import { readFileSync } from 'node:fs';
import type { PhaseResult } from './measure.js';
import type { Verdict } from './report.js';

interface Run {
  date: string;
  source: string;
  database: string;
  databaseDescription: string;
  durationSeconds: number;
  loadAverage1m: { start: number; end: number };
  results: PhaseResult[];
  verdicts: Verdict[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npx tsx bench/markdown.ts bench/results/latest-<db>.json\n');
  process.exit(2);
}
const run = JSON.parse(readFileSync(file, 'utf8')) as Run;
const n = (v: number, digits = 3) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const hasDb = run.results.some((r) => r.dbCpuMsPerOp !== undefined);
const lines: string[] = [];

lines.push(`${run.databaseDescription}; ${run.date.slice(0, 16).replace('T', ' ')} UTC, source ${run.source}, ${run.durationSeconds} s, load average ${run.loadAverage1m.start.toFixed(2)}–${run.loadAverage1m.end.toFixed(2)}.`, '');
lines.push(`| Phase | At | Ops | ${hasDb ? 'Rollcall CPU ms/op | PostgreSQL CPU ms/op' : 'Server CPU ms/op'} | of which kernel | Wall ms/op | Other |`);
lines.push(`| --- | --- | ---: | ${hasDb ? '---: | ---: ' : '---: '}| ---: | ---: | --- |`);
for (const r of run.results) {
  const metrics = Object.entries(r.metrics ?? {}).map(([k, v]) => `${k} ${n(v, v >= 100 ? 0 : 2)}`).join(', ');
  const cpu = hasDb ? `${n(r.cpuMsPerOp)} | ${r.dbCpuMsPerOp === undefined ? '' : n(r.dbCpuMsPerOp)}` : n(r.cpuMsPerOp);
  lines.push(`| ${r.label.replace(/\|/g, '\\|')} | ${r.at ?? ''} | ${(r.requests * r.unitsPerRequest).toLocaleString('en-US')}${r.truncated ? ' (time limit)' : ''} | ${cpu} | ${n(r.systemCpuMsPerOp)} | ${n(r.wallMsPerOp)} | ${metrics} |`);
}
lines.push('', `| Criterion | Figure | Limit | Verdict |`, '| --- | ---: | --- | --- |');
for (const v of run.verdicts) {
  const figure = v.unit ? `${n(v.ratio, v.ratio < 10 ? 3 : 1)} ${v.unit}` : `${n(v.ratio, 2)}${v.ratioRollcallOnly === undefined ? '' : ` (Rollcall alone ${n(v.ratioRollcallOnly, 2)})`}`;
  lines.push(`| ${v.criterion.replace(/\|/g, '\\|')} | ${figure} | ${v.kind === 'max' ? '≤' : '<'} ${v.limit}${v.unit ? ` ${v.unit}` : ''} | ${v.pass ? 'PASS' : '**FAIL**'} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
