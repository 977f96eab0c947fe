// init() in fresh processes: backend choice, the environment override, a missing addon.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'dist', 'node.js');

function run(code: string, env: Record<string, string> = {}, module = entry) {
  const script = `import * as olm from ${JSON.stringify(module)};\n${code}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, OLM_BACKEND: '', ...env },
    encoding: 'utf8',
  });
}

const roundTrip = `
  const s = olm.OutboundGroupSession.create();
  const r = olm.InboundGroupSession.create(s.sessionKey);
  console.log(olm.backendName, r.decrypt(s.encrypt('hi')).plaintext);`;

describe('init in a fresh process', () => {
  it.each(['native', 'wasm'])("init({ backend: '%s' }) works", (backend) => {
    const result = run(`await olm.init({ backend: '${backend}' });${roundTrip}`);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`${backend} hi`);
  });

  it('auto picks native where the addon loads', () => {
    expect(run(`await olm.init();${roundTrip}`).stdout.trim()).toBe('native hi');
  });

  it('OLM_BACKEND overrides auto', () => {
    expect(run(`await olm.init();${roundTrip}`, { OLM_BACKEND: 'wasm' }).stdout.trim()).toBe('wasm hi');
    const bad = run(`await olm.init();`, { OLM_BACKEND: 'java' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("OLM_BACKEND must be 'auto', 'native' or 'wasm'");
  });

  it('objects before init() are a clear error', () => {
    const result = run(`olm.OutboundGroupSession.create();`);
    expect(result.stderr).toContain('call `await init()` before creating Olm objects');
  });

  describe('without the addon', () => {
    // A copy of the package with dist/ but no build/ and no prebuilds/.
    const bare = mkdtempSync(join(tmpdir(), 'olm-bare-'));
    cpSync(join(root, 'dist'), join(bare, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(bare, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(bare, 'node_modules'));
    afterAll(() => rmSync(bare, { recursive: true, force: true }));
    const bareEntry = join(bare, 'dist', 'node.js');

    it("init({ backend: 'native' }) fails with a message that says what to do", () => {
      const result = run(`await olm.init({ backend: 'native' });`, {}, bareEntry);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('the native addon could not be loaded');
      expect(result.stderr).toContain("backend: 'wasm'");
    });

    it('auto falls back to WASM', () => {
      expect(run(`await olm.init();${roundTrip}`, {}, bareEntry).stdout.trim()).toBe('wasm hi');
    });
  });

  it('the addon loads in two worker threads at once (context-aware)', () => {
    const worker = `
      const { Worker } = await import('node:worker_threads');
      const code = \`import * as olm from ${JSON.stringify(entry)};
        await olm.init({ backend: 'native' });${roundTrip.replace(/`/g, '\\`')}\`;
      const runs = [0, 1].map(() => new Promise((ok, fail) => {
        const w = new Worker(code, { eval: true, type: 'module' });
        w.on('error', fail); w.on('exit', (c) => c === 0 ? ok() : fail(new Error('exit ' + c)));
      }));
      await Promise.all(runs);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', worker], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual(['native hi', 'native hi']);
  });
});

it('the version comes from the pin', () => {
  const pin = JSON.parse(readFileSync(join(root, 'vendor/olm/pin.json'), 'utf8')) as { version: string };
  expect(run(`console.log((await olm.load({ backend: 'wasm' })).version)`).stdout.trim()).toBe(pin.version);
});

it('the .wasm is no larger than the reference olm.wasm', () => {
  const ours = readFileSync(join(root, 'dist', 'olm-wasm.wasm')).byteLength;
  const reference = readFileSync(join(root, 'node_modules', '@matrix-org', 'olm', 'olm.wasm')).byteLength;
  expect(ours).toBeLessThanOrEqual(reference);
});
