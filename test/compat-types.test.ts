// olm-universal/compat's declarations stand in for @matrix-org/olm's index.d.ts: code typed
// against the reference type-checks with the compat module, from import and from require.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root } from './compat-fixture.js';

it('test/types (written against @matrix-org/olm types) type-checks with olm-universal/compat', () => {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'test', 'types', 'tsconfig.json')], {
    encoding: 'utf8',
  });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
});
