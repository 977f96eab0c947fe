// The C fuzz targets (test/libfuzzer/targets/, built by scripts/fuzz-c.sh with clang's libFuzzer,
// ASan and UBSan, once per crypto core) replayed over their seed inputs and every saved
// regression input: no fuzzing, each input must run clean. An input that fails on one binary
// (target-core) until one of our libolm patches is applied is listed in regressions/pending.json
// as "<binary>/<input>" with that patch's number: while vendor/olm/patches/ lacks the patch it
// must still fail there (so the list stays true), and once the patch is there it must pass.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const regressions = join(root, 'test', 'libfuzzer', 'regressions');
const bin = join(root, 'build', 'libfuzzer', 'bin');
const seeds = join(root, 'build', 'libfuzzer', 'seeds');
const pending = JSON.parse(readFileSync(join(regressions, 'pending.json'), 'utf8')) as Record<string, string>;
const patches = existsSync(join(root, 'vendor', 'olm', 'patches')) ? readdirSync(join(root, 'vendor', 'olm', 'patches')) : [];
const patched = (number: string): boolean => patches.some((name) => name.startsWith(`${number}-`));
const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((name) => join(dir, name))
    : [];

// Under `npm run sanitize`, Node runs with gcc's ASan runtime preloaded and reports logged to
// files: these binaries carry clang's own runtime (two in one process refuse to start), and the
// pending inputs' expected reports belong on their stderr, not in that run's count.
const env = { ...process.env, LD_PRELOAD: '', ASAN_OPTIONS: '', UBSAN_OPTIONS: '' };

type Run = { ok: boolean; output: string };
async function run(binary: string, input: string): Promise<Run> {
  try {
    await promisify(execFile)(binary, ['-timeout=30', input], { maxBuffer: 1 << 24, env });
    return { ok: true, output: '' };
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    return {
      ok: false,
      output: (stderr ?? String(error))
        .split('\n')
        .filter((l) => /ERROR|runtime error|check failed|SUMMARY/.test(l))
        .join('\n'),
    };
  }
}

describe('C fuzz targets: replay of seeds and regression inputs (clang, ASan + UBSan)', () => {
  it('builds every target for both crypto cores', async () => {
    const { stdout } = await promisify(execFile)('bash', [join(root, 'scripts', 'fuzz-c.sh'), '--build'], {
      maxBuffer: 1 << 24,
      env,
    });
    expect(stdout).toMatch(/fuzz-c: \d+ binaries/);
  }, 600_000);

  it('every input runs clean, pending ones exactly while their patch is missing', async () => {
    const binaries = readdirSync(bin).sort();
    const targets = readdirSync(join(root, 'test', 'libfuzzer', 'targets')).map((name) => name.replace(/\.(c|cpp)$/, ''));
    for (const target of targets) expect(binaries.some((b) => b.startsWith(`${target}-`))).toBe(true);
    const problems: string[] = [];
    let inputs = 0;
    for (const binary of binaries) {
      const target = binary.replace(/-(fast|stock|both)$/, '');
      for (const input of [...files(join(seeds, target)), ...files(join(regressions, target))]) {
        inputs++;
        const name = `${target}/${input.split('/').pop() ?? ''}`;
        const patch = pending[`${binary}/${input.split('/').pop() ?? ''}`];
        const { ok, output } = await run(join(bin, binary), input);
        if (patch !== undefined && !patched(patch)) {
          if (ok) problems.push(`${binary} ${name}: passes though patch ${patch} is missing (update pending.json)`);
        } else if (!ok) {
          problems.push(`${binary} ${name}:\n${output}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(inputs).toBeGreaterThan(50);
  }, 600_000);
});
