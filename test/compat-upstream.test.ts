// libolm's own JavaScript test suite (vendor/olm/javascript/test/*.spec.js, written for
// @matrix-org/olm), run UNMODIFIED by jasmine against olm-universal/compat on each backend.
// The spec files `require('../olm')`: next to them sits a shim olm.js that exports the compat layer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { compatDir, root, runNode } from './compat-fixture.js';

const specDir = join(root, 'vendor', 'olm', 'javascript', 'test');
const specFiles = readdirSync(specDir).filter((file) => file.endsWith('.spec.js'));
const specCount = specFiles
  .map((file) => readFileSync(join(specDir, file), 'utf8').match(/^\s*it\(/gm)?.length ?? 0)
  .reduce((a, b) => a + b, 0);

describe.each(BACKENDS)("libolm's JavaScript specs on compat/%s", (backend) => {
  it(`pass unmodified (${specFiles.join(', ')})`, async () => {
    const tmp = compatDir(`olm-upstream-${backend}`);
    try {
      for (const file of specFiles) tmp.write(join('test', file), readFileSync(join(specDir, file), 'utf8'));
      tmp.write('olm.js', "module.exports = require('olm-universal/compat');\n");
      // Fails the run unless the specs really ran on the backend asked for.
      tmp.write(
        'helpers/backend.js',
        `const Olm = require('../olm');
afterAll(() => {
  console.log('olm-universal/compat backend: ' + Olm.backend);
  expect(Olm.backend).toBe(process.env.OLM_BACKEND);
});\n`,
      );
      tmp.write(
        'jasmine.json',
        JSON.stringify({ spec_dir: '.', spec_files: ['test/*.spec.js'], helpers: ['helpers/*.js'], random: true }),
      );
      const jasmine = join(root, 'node_modules', 'jasmine', 'bin', 'jasmine.js');
      const run = await runNode([jasmine, '--config=jasmine.json'], tmp.dir, backend);
      console.log(`jasmine on compat/${backend}:\n${run.stdout}${run.stderr}`);

      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`olm-universal/compat backend: ${backend}`);
      const summary = /(\d+) specs?, (\d+) failures?/.exec(run.stdout);
      expect(summary, 'jasmine summary line').not.toBeNull();
      expect(Number(summary![1])).toBeGreaterThan(0);
      expect(Number(summary![1])).toBe(specCount);
      expect(Number(summary![2])).toBe(0);
      expect(run.stdout).not.toMatch(/pending|Incomplete/);
    } finally {
      tmp.remove();
    }
  });
});
