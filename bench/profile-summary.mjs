// Sums a V8 .cpuprofile (from BENCH_CPU_PROF) by self time: the top functions, and the share of
// each package or project folder, so a turn's CPU can be attributed without a GUI.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=40]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function place(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node:internal';
  const m = url.match(/\/(app|bot|cards|domain|machines|prisma|tab|bench|test)\/[^?]*/);
  return m ? m[0].slice(1) : url;
}
const byFn = new Map();
const byPlace = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const where = place(cf.url);
  const key = `${cf.functionName || '(anonymous)'}  ${where}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const p = cf.url ? where.split(':')[0] : cf.functionName;
  byPlace.set(p, (byPlace.get(p) ?? 0) + us);
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log('\nby place (self time):');
for (const [k, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(us)}%  ${k}`);
console.log('\ntop functions (self time):');
for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}%  ${k}`);
