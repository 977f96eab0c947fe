// An application written for @matrix-org/olm (test/fixtures/reference-program.cjs) runs unchanged:
// against @matrix-org/olm itself (proving the program), then against olm-universal/compat
// installed under that name (the one-line switch, done by module resolution) on each backend.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { compatDir, root, runNode } from './compat-fixture.js';

const program = join(root, 'test', 'fixtures', 'reference-program.cjs');

it('the program passes on @matrix-org/olm itself', async () => {
  const run = await runNode([program], root, '');
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('reference program: ok');
});

describe.each(BACKENDS)('on olm-universal/compat (%s)', (backend) => {
  it('the same program passes unchanged', async () => {
    const tmp = compatDir(`olm-program-${backend}`);
    try {
      tmp.write('reference-program.cjs', readFileSync(program, 'utf8'));
      tmp.write('node_modules/@matrix-org/olm/package.json', '{ "name": "@matrix-org/olm", "main": "index.js" }\n');
      tmp.write(
        'node_modules/@matrix-org/olm/index.js',
        `const Olm = require('olm-universal/compat');
process.on('exit', () => console.log('olm-universal/compat backend: ' + Olm.backend));
module.exports = Olm;\n`,
      );
      const run = await runNode(['reference-program.cjs'], tmp.dir, backend);
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(`reference program: ok\nolm-universal/compat backend: ${backend}`);
    } finally {
      tmp.remove();
    }
  });

  it('require() and import give the same object, with the names as named exports too', async () => {
    const check = `
      import { createRequire } from 'node:module';
      import Olm, * as namespace from 'olm-universal/compat';
      const required = createRequire(import.meta.url)('olm-universal/compat');
      if (required !== Olm) throw new Error('require() returned another object');
      await Olm.init();
      for (const [name, value] of Object.entries(Olm)) {
        if (namespace[name] !== value) throw new Error('named export differs: ' + name);
      }
      console.log(Olm.backend, Object.keys(Olm).join(','));`;
    const run = await runNode(['--input-type=module', '-e', check], root, backend);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(
      `${backend} init,OutboundGroupSession,InboundGroupSession,Account,Session,Utility,PkEncryption,PkDecryption,PkSigning,SAS,get_library_version,PRIVATE_KEY_LENGTH,backend`,
    );
  });
});
