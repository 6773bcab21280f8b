// The layers of DESIGN.md, checked on the source: imports point down only, and no file reaches
// itself through its imports. Read from the import statements (no bundler, no new dependency),
// so a new folder or a wrong import fails here with the path that breaks the rule.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// What each layer may import, besides itself. cards read the step names from
// machines/application.steps; prisma implements the domain's ports; bot is the composition
// root (it opens the database and starts the workers).
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  machines: ['domain'],
  cards: ['machines', 'domain'],
  prisma: ['domain'],
  app: ['cards', 'machines', 'domain'],
  bot: ['app', 'cards', 'machines', 'domain', 'prisma'],
  tab: ['app', 'cards', 'machines', 'domain', 'prisma', 'bot'],
};
const LAYERS = Object.keys(ALLOWED);
const SKIP = new Set(['node_modules', 'generated']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/g;

// Comments can quote code; drop them before reading imports.
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

function importsOf(file: string): string[] {
  const source = withoutComments(readFileSync(file, 'utf8'));
  const specifiers: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec?.startsWith('.')) specifiers.push(spec);
  }
  return specifiers;
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const layerOf = (file: string): string | null => {
  const top = path.relative(ROOT, file).split(path.sep)[0]!;
  return LAYERS.includes(top) ? top : null;
};

const files = LAYERS.flatMap((layer) => sourceFiles(path.join(ROOT, layer)));
const graph = new Map<string, string[]>();
const unresolved: string[] = [];
for (const file of files) {
  const targets: string[] = [];
  for (const spec of importsOf(file)) {
    const target = resolve(file, spec);
    if (target) targets.push(target);
    else unresolved.push(`${path.relative(ROOT, file)} -> ${spec}`);
  }
  graph.set(file, targets);
}
const rel = (file: string) => path.relative(ROOT, file);

test('the import walk finds the layers and resolves every relative import', () => {
  for (const layer of ['domain', 'machines', 'cards', 'app', 'bot', 'prisma']) {
    assert.ok(files.some((f) => layerOf(f) === layer), `no source files found in ${layer}/`);
  }
  assert.deepEqual(unresolved, [], 'imports that point at no file');
});

test('imports point down the layers only (DESIGN.md)', () => {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file)!;
    for (const target of targets) {
      const to = layerOf(target);
      if (to === null) {
        upward.push(`${rel(file)} -> ${rel(target)} (outside the layers)`);
      } else if (to !== from && !ALLOWED[from]!.includes(to)) {
        upward.push(`${rel(file)} -> ${rel(target)} (${from} may not import ${to})`);
      }
    }
  }
  assert.deepEqual(upward, [], 'imports that point up or sideways');
});

test('no import cycles', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'visiting');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      const seen = state.get(target);
      if (seen === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' -> '));
      else if (!seen) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, [], 'import cycles');
});
