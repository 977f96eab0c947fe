// The package's module formats as users meet them, from the packed tarball installed in a temporary
// project: require() without require(esm), import and require in one process (one copy of the
// library), a Jest suite with Jest's defaults, TypeScript written for @matrix-org/olm against
// compat, subpaths under "moduleResolution": "node10", source and declaration maps, and the
// installed `olm-universal` command. Needs `npm run prebuildify` (set-up runs it).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'olm-formats-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const nodeDir = resolve(dirname(process.execPath), '..');
const env = { ...process.env, npm_config_nodedir: nodeDir, JOBS: '2', OLM_BACKEND: '' };

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawn(command: string, args: string[], options: SpawnSyncOptions = {}): Result {
  const result = spawnSync(command, args, { env, encoding: 'utf8', ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs a command that must succeed; its stdout. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawn(command, args, options);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Runs node in the consumer; its last line of output, parsed. */
const node = <T>(...args: string[]): T =>
  JSON.parse(run(process.execPath, args, { cwd: consumer }).trim().split('\n').at(-1) ?? 'null') as T;

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let consumer: string;
let packed: string[];

beforeAll(() => {
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root })) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  packed = info!.files.map((file) => file.path);
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  const manifest = { name: 'consumer', private: true, dependencies: { 'olm-universal': `file:${join(work, info!.filename)}` } };
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: consumer });
  cpSync(join(root, 'test', 'formats'), consumer, { recursive: true });
  cpSync(join(root, 'test', 'jest'), join(consumer, 'jest'), { recursive: true });
  // The reference's declarations, for compiling the @matrix-org/olm program against them too.
  mkdirSync(join(consumer, 'node_modules', '@matrix-org'));
  symlinkSync(join(root, 'node_modules', '@matrix-org', 'olm'), join(consumer, 'node_modules', '@matrix-org', 'olm'), 'dir');
}, 180_000);

describe('CommonJS', () => {
  it('require() of compat and the main entry works without require(esm) (Node 20.16-20.18, 22.3-22.11)', () => {
    expect(node('--no-experimental-require-module', 'compat-require.cjs')).toEqual({
      compatOlm: 'olm through compat',
      compatMegolm: 'megolm through compat',
      compatBackend: 'native',
      native: 'native',
      wasm: 'wasm',
    });
  });

  it('every require target is in the CommonJS build, dist/cjs/', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', 'olm-universal', 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const requireTargets: string[] = [];
    const walk = (value: unknown, underRequire: boolean): void => {
      if (typeof value === 'string') {
        if (underRequire && value.endsWith('.js')) requireTargets.push(value);
      } else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) walk(inner, underRequire || key === 'require');
      }
    };
    walk(manifest.exports, false);
    expect([...new Set(requireTargets)].sort()).toEqual([
      './dist/cjs/compat/node.js',
      './dist/cjs/native.js',
      './dist/cjs/node.js',
      './dist/cjs/wasm.js',
    ]);
  });
});

describe('ES modules and CommonJS in one process', () => {
  it('share one copy of the library: classes, init(), objects, errors, compat', () => {
    expect(node('one-copy.mjs')).toEqual({
      sameClasses: true,
      sameCompat: true,
      afterImportInit: ['wasm', 'wasm'],
      afterRequireInit: ['native', 'native'],
      crossed: 'across formats',
      error: [true, true, 'INVALID_BASE64'],
      compat: ['wasm', 'wasm'],
    });
  });
});

describe('Jest', () => {
  it('runs a suite requiring compat and the main entry, with Jest defaults and no flags', () => {
    const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
    const result = spawn(process.execPath, [jest, '--ci', '--rootDir', join(consumer, 'jest')], { cwd: consumer });
    expect(result.stderr).toMatch(/Tests: +4 passed, 4 total/);
    expect(result.status).toBe(0);
  }, 120_000);
});

describe('TypeScript', () => {
  // One program, imported three ways (only the first line differs), compiled as each kind of project.
  const imports = {
    mts: (from: string) => `import Olm from '${from}';`,
    cts: (from: string) => `import Olm = require('${from}');`,
    ts: (from: string) => `import Olm from '${from}';`,
  };
  const write = (from: string, file: string, kind: keyof typeof imports): string => {
    const dir = join(consumer, from.replace(/[@/]/g, '_'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, file),
      `${imports[kind](from)}\n${readFileSync(join(consumer, 'reference-program.body.ts'), 'utf8')}`,
    );
    return join(dir, file);
  };
  // No @types/node: the declarations must not need it. skipLibCheck off: they are checked too.
  const common = ['--strict', '--noEmit', '--target', 'es2022', '--lib', 'es2022,dom', '--skipLibCheck', 'false'];
  const tscOut = (args: string[]): string => {
    const result = spawn(process.execPath, [tsc, ...common, ...args], { cwd: consumer });
    return result.stdout + (result.status === 0 ? '' : `exit ${result.status}`);
  };
  const nodenext = (from: string): string =>
    tscOut(['--module', 'nodenext', write(from, 'program.mts', 'mts'), write(from, 'program.cts', 'cts')]);

  it('the program written for @matrix-org/olm compiles against its own index.d.ts', () => {
    expect(nodenext('@matrix-org/olm')).toBe('');
  }, 180_000);

  it('and, with only the import line changed, against olm-universal/compat (Olm.Account in type positions)', () => {
    const from = 'olm-universal/compat';
    expect(nodenext(from)).toBe('');
    expect(tscOut(['--module', 'esnext', '--moduleResolution', 'bundler', write(from, 'program-bundler.ts', 'ts')])).toBe('');
  }, 180_000);

  it('every subpath type-checks under "moduleResolution": "node10" (typesVersions), compat\'s program too', () => {
    const program = write('olm-universal/compat', 'program-node10.ts', 'ts');
    expect(tscOut(['--module', 'commonjs', '--moduleResolution', 'node10', '--esModuleInterop', program])).toBe('');
    const result = spawn(process.execPath, [tsc, '-p', 'tsconfig.node10.json'], { cwd: consumer });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  }, 180_000);
});

describe('sideEffects', () => {
  // rolldown (Vite's bundler), as a bundler meets the package: package.json's sideEffects decides
  // which modules an unused import may drop.
  async function bundle(source: string, platform: 'browser' | 'node'): Promise<string> {
    const { rolldown } = await import('rolldown');
    const input = join(consumer, `side-effects-${platform}.mjs`);
    writeFileSync(input, source);
    const build = await rolldown({ input, platform, logLevel: 'silent' });
    const { output } = await build.generate({ format: 'esm' });
    return output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
  }

  it("importing only OlmError from olm-universal/wasm leaves out the WASM module and libolm's function table", async () => {
    const code = await bundle(
      "import { OlmError } from 'olm-universal/wasm';\nconsole.log(new OlmError('SUCCESS').code);\n",
      'browser',
    );
    expect(code).toContain('OlmError');
    expect(code).not.toMatch(/WebAssembly|createOlmWasm|olm_create_account/);
  });

  it('a Node bundle keeps the native loader, imported only for its effect', async () => {
    const code = await bundle("import { init } from 'olm-universal';\nconsole.log((await init()).backendName);\n", 'node');
    expect(code).toMatch(/loadNative/);
    expect(code).toMatch(/node-gyp-build/);
  });
});

describe('maps', () => {
  it('every .js and .d.ts ships with its map, and each map names sources that ship too', () => {
    // Not the emscripten glue (olm-wasm.js), the .wasm's digest and URL type (generated at link
    // time), nor dist/node-import/ (generated re-exports, no source).
    const code = packed.filter(
      (path) =>
        /^dist\/.*\.(js|d\.ts)$/.test(path) && !/olm-wasm(-digest)?\.js$|olm-wasm-url\.d\.ts$|^dist\/node-import\//.test(path),
    );
    expect(code.length).toBeGreaterThan(40);
    for (const path of code) {
      expect(packed).toContain(`${path}.map`);
      const map = JSON.parse(readFileSync(join(consumer, 'node_modules', 'olm-universal', `${path}.map`), 'utf8')) as {
        sources: string[];
      };
      for (const source of map.sources) expect(packed).toContain(join(dirname(path), source));
    }
  });
});

describe('the installed olm-universal command', () => {
  it("info lists the backends a consumer has, without the source build's stock addon", () => {
    const result = spawn(process.execPath, [join(consumer, 'node_modules', '.bin', 'olm-universal'), 'info'], { cwd: consumer });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/native +libolm 3\.2\.13/);
    expect(result.stdout).toMatch(/wasm +libolm 3\.2\.13/);
    expect(result.stdout).not.toMatch(/stock|npm run/);
  });

  it('where the addon does not load, says how a consumer rebuilds it (not a script of this repository)', () => {
    const bare = join(work, 'no-addon');
    cpSync(consumer, bare, { recursive: true, verbatimSymlinks: true });
    rmSync(join(bare, 'node_modules', 'olm-universal', 'prebuilds'), { recursive: true });
    const cli = join(bare, 'node_modules', 'olm-universal', 'dist', 'cli.js');
    const report = JSON.parse(run(process.execPath, [cli, 'info', '--json'], { cwd: bare })) as {
      backends: Array<{ backend: string; loads: boolean; error?: string }>;
    };
    expect(report.backends.map((row) => row.backend)).toEqual(['native', 'wasm']);
    expect(report.backends[0]!.error).toMatch(/npm rebuild olm-universal/);
    expect(report.backends[0]!.error).not.toMatch(/npm run/);
    expect(report.backends[1]!.loads).toBe(true);
  });
});
