import { readFileSync, readdirSync } from 'node:fs';
const dir = '/tmp/bg/prof';
const p = JSON.parse(readFileSync(`${dir}/${readdirSync(dir)[0]}`, 'utf8'));
const self = new Map<string, number>();
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
p.samples.forEach((s: number, i: number) => counts.set(s, (counts.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
for (const [id, us] of counts) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(0).padStart(6), 'ms', (100 * v / total).toFixed(1).padStart(5), '%', k);
