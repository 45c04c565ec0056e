// Where a phase's server CPU goes: reads a V8 .cpuprofile written by
// `npm run bench -- --cpu-prof` and, given the run's results file and a
// phase id, keeps only the samples taken while that phase ran.
//
//   npx tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile bench/results/latest-sqlite.json lookup-username

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhaseResult } from './measure.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function where(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  return path.startsWith('/') ? relative(REPO_ROOT, path) : path;
}

function top(map: Map<string, number>, total: number, count: number): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`)
    .join('\n');
}

function main(): void {
  const [profileFile, resultsFile, phaseId] = process.argv.slice(2);
  if (!profileFile) throw new Error('usage: profile-summary <file.cpuprofile> [results.json phase-id]');
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  let windows: [number, number][] | undefined;
  if (resultsFile && phaseId) {
    const results = (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: PhaseResult[] }).results;
    const phase = results.find((r) => r.id === phaseId);
    if (!phase) throw new Error(`no phase "${phaseId}" in ${resultsFile}: ${results.map((r) => r.id).join(', ')}`);
    windows = phase.windowsUs;
  }

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;

  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (windows && !windows.some(([from, to]) => time >= from && time <= to)) continue;
    const node = byId.get(profile.samples[i]);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    total += weight;
    self.set(label(node), (self.get(label(node)) ?? 0) + weight);
    const file = where(node.callFrame.url) || node.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + weight);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id) as ProfileNode;
      if (!frame.callFrame.url.includes('/src/') && !frame.callFrame.url.includes('/bench/')) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + weight);
    }
  }
  if (total === 0) throw new Error('no samples in the window: was the profile written by the same run as the results file?');
  process.stdout.write(
    [
      `${(total / 1000).toFixed(1)} ms of CPU samples${phaseId ? ` during ${phaseId}` : ''} (idle excluded)`,
      '\nself time by function:',
      top(self, total, 30),
      '\nself time by file or package:',
      top(byFile, total, 20),
      '\ninclusive time of Rollcall functions:',
      top(inclusive, total, 30),
      '',
    ].join('\n'),
  );
}

main();
