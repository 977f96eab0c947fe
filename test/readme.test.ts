// Every ```ts block of README.md runs, as an application would run it: compiled to JavaScript,
// importing 'olm-universal' through the package's exports map, on each backend (OLM_BACKEND
// picks it for init(); blocks that load both backends run the same either way). Each block runs
// on its own, exactly as printed: a reader copies one block, not the whole page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { compatDir, root, runNode } from './compat-fixture.js';

const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

it('README.md has examples', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

describe.each(BACKENDS)('README.md examples on %s', (backend) => {
  it.each(blocks.map((code, index) => [index + 1, code] as const))('example %i runs', async (index, code) => {
    const tmp = compatDir(`olm-readme-${backend}`);
    try {
      const { outputText } = ts.transpileModule(code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      tmp.write(`example-${index}.mjs`, outputText);
      const run = await runNode([`example-${index}.mjs`], tmp.dir, backend);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      tmp.remove();
    }
  });
});
