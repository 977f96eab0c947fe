// No import cycles among the built modules (rollup warns on every build that has one, e.g.
// `Circular dependency account.js -> session.js -> account.js`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '..', 'dist');

/** Every .js under dir (the ES module build, or dist/cjs), and the relative modules each loads. */
function graph(dir: string, imports: (code: string) => string[], skip: string[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.js') || skip.some((prefix) => entry.startsWith(prefix))) continue;
    const file = join(dir, entry);
    const code = readFileSync(file, 'utf8');
    edges.set(
      file,
      imports(code).map((target) => resolve(dirname(file), target)),
    );
  }
  return edges;
}

function cycles(edges: Map<string, string[]>, dir: string): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file].map((f) => relative(dir, f)).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of edges.keys()) visit(file, []);
  return found;
}

it('the ES module build has no import cycle', () => {
  // Static imports and re-exports; dynamic import() is lazy and cannot form a load-time cycle.
  const imports = (code: string): string[] =>
    [...code.matchAll(/(?:\bfrom\s*|^import\s*)'(\.{1,2}\/[^']+)'/gm)].map((match) => match[1]!);
  const edges = graph(dist, imports, ['cjs']);
  expect(edges.size).toBeGreaterThan(20);
  expect(cycles(edges, dist)).toEqual([]);
});

it('the CommonJS build has no require cycle', () => {
  const cjs = join(dist, 'cjs');
  // Top-level require()s; those inside an arrow function are TypeScript's lazy import().
  const requires = (code: string): string[] =>
    code
      .split('\n')
      .filter((line) => !line.includes('=>'))
      .flatMap((line) => [...line.matchAll(/\brequire\("(\.{1,2}\/[^"]+)"\)/g)].map((match) => match[1]!));
  const edges = graph(cjs, requires, []);
  expect(edges.size).toBeGreaterThan(20);
  expect(cycles(edges, cjs)).toEqual([]);
});
