// Builds and runs the C test programs of test/c/CMakeLists.txt: natively with ASan + UBSan
// (every program once per crypto core) and with emscripten (wasm32, run by node). CMake keeps
// both builds between runs, so an up-to-date tree costs a few seconds.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
// Outside build/, which node-gyp (prebuildify) deletes on every run; git ignores node_modules/.
const cache = resolve(root, 'node_modules', '.cache', 'olm-c-tests');
export const C_TESTS = { native: resolve(cache, 'native'), wasm: resolve(cache, 'wasm') };
const exec = promisify(execFile);
// Debian's emcc runs its JS optimizer with the machine's node, which needs Debian's acorn.
const emscriptenEnv = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };

/** Configures (once) and builds `targets` (all when empty) of the native or the wasm C tests. */
export async function buildCTests(target: 'native' | 'wasm', targets: readonly string[] = []): Promise<string> {
  const dir = C_TESTS[target];
  const env = target === 'wasm' ? emscriptenEnv : process.env;
  if (!existsSync(resolve(dir, 'CMakeCache.txt'))) {
    const configure = ['cmake', '-S', resolve(root, 'test', 'c'), '-B', dir];
    const [command, ...args] = target === 'wasm' ? ['emcmake', ...configure] : configure;
    await exec(command!, args, { cwd: root, env, maxBuffer: 1 << 24 });
  }
  const only = targets.flatMap((name) => ['--target', name]);
  await exec('cmake', ['--build', dir, '-j2', ...only], { cwd: root, env, maxBuffer: 1 << 26 });
  return dir;
}

export interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs a built program (a .js one with node), never throwing: the test reads the outcome. */
export async function runProgram(path: string, args: readonly string[] = []): Promise<Run> {
  const [command, argv] = path.endsWith('.js') ? [process.execPath, [path, ...args]] : [path, [...args]];
  try {
    const { stdout, stderr } = await exec(command, argv, { maxBuffer: 1 << 24 });
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const { code, signal, stdout, stderr } = error as {
      code: number | null;
      signal: string | null;
      stdout: string;
      stderr: string;
    };
    return { code: typeof code === 'number' ? code : null, signal, stdout, stderr };
  }
}
