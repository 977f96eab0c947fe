// npm run fuzz -- --minutes N [--target NAME[,NAME...]] [--jobs J] [--seed S]
// Spreads the targets over J child processes (default 2), restarts a child that crashed (saving
// the input it was running as a fixture), and prints inputs per target and per backend. Every
// failing input becomes test/fuzz/regressions/<target>-<hash>.json, which npm test replays.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildConfig, ChildMessage } from './child.js';
import { saveFixture } from './fixtures.js';
import { loadBothBackends } from './harness.js';
import { allTargets } from './targets/index.js';

interface Options {
  minutes: number;
  targets: string[] | null;
  jobs: number;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { minutes: 1, targets: null, jobs: 2, seed: Date.now() % 2 ** 31 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--minutes':
        options.minutes = Number(value);
        i++;
        break;
      case '--target':
        options.targets = (value ?? '').split(',');
        i++;
        break;
      case '--jobs':
        options.jobs = Number(value);
        i++;
        break;
      case '--seed':
        options.seed = Number(value);
        i++;
        break;
      default:
        throw new Error(`usage: npm run fuzz -- --minutes N [--target NAME[,NAME]] [--jobs J] [--seed S]; got ${argv[i]}`);
    }
  }
  if (!(options.minutes > 0) || !(options.jobs >= 1)) throw new Error('--minutes and --jobs must be positive');
  return options;
}

interface Stats {
  inputs: number;
  perBackend: Record<string, number>;
  ms: number;
  failures: number;
  crashes: number;
  hangs: number;
}

const HANG_MS = 60_000;
// Enough fixtures to see a failure's variants, without hundreds of one bug.
const MAX_FIXTURES_PER_KIND = 3;

/** A failure's kind: its text with numbers and hex stripped. */
function kindOf(target: string, failure: string): string {
  const withoutValues = failure.replace(/\bok .*?(?= \/ |$)/g, 'ok …');
  return `${target}: ${withoutValues.replace(/\d+/g, '#').slice(0, 160)}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const names = allTargets((await loadBothBackends()).native).map((target) => target.name);
  const chosen = options.targets ?? names;
  const unknown = chosen.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')}; targets: ${names.join(', ')}`);
  const stats = new Map<string, Stats>(
    chosen.map((name) => [name, { inputs: 0, perBackend: {}, ms: 0, failures: 0, crashes: 0, hangs: 0 }]),
  );
  const crashDir = mkdtempSync(join(tmpdir(), 'olm-fuzz-'));
  const childScript = fileURLToPath(new URL('./child.js', import.meta.url));
  const deadline = Date.now() + options.minutes * 60_000;
  const failureKinds = new Map<string, number>();
  const fixtures: string[] = [];
  let seed = options.seed;
  console.log(`fuzzing ${chosen.length} targets for ${options.minutes} min on ${options.jobs} processes, seed ${options.seed}`);

  const runChild = (targets: string[]): Promise<void> =>
    new Promise((done) => {
      const seconds = (deadline - Date.now()) / 1000;
      if (seconds < 2 || targets.length === 0) return done();
      const config: ChildConfig = { targets, seconds, seed, crashDir };
      seed += 1_000_000;
      const child = fork(childScript, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let current = '';
      let lastMessage = Date.now();
      let hung = false;
      const watchdog = setInterval(() => {
        if (Date.now() - lastMessage > HANG_MS) {
          hung = true;
          child.kill('SIGKILL');
        }
      }, 1000);
      let started = false;
      child.on('message', (message: ChildMessage) => {
        started = true;
        lastMessage = Date.now();
        if (message.type === 'slice') current = message.target;
        if (message.type === 'progress') {
          const s = stats.get(message.target)!;
          s.inputs += message.inputs;
          s.ms += message.ms;
          for (const [backend, count] of Object.entries(message.perBackend))
            s.perBackend[backend] = (s.perBackend[backend] ?? 0) + count;
        }
        if (message.type === 'failure') {
          stats.get(message.target)!.failures++;
          const kind = kindOf(message.target, message.failure);
          const seen = failureKinds.get(kind) ?? 0;
          failureKinds.set(kind, seen + 1);
          const saved = seen < MAX_FIXTURES_PER_KIND ? saveFixture(message.target, message.input, message.failure) : null;
          if (saved !== null) fixtures.push(saved);
        }
      });
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        if (!started && code !== 0) {
          // It died before fuzzing anything (backends failed to load): restarting would only repeat it.
          console.error(`a fuzzing process failed to start (exit code ${code}, signal ${signal})`);
          process.exitCode = 2;
          return done();
        }
        // The crash file written last is the input that was running (robust even if the child's
        // last 'slice' message was still queued when it died).
        current = latestCrashFile(crashDir, targets) ?? current;
        if (code !== 0 && code !== 3 && current !== '') {
          // A crash (or hang): the input it was running is in the target's crash file.
          const s = stats.get(current)!;
          const why = hung ? `hang: no progress for ${HANG_MS / 1000} s` : `crash: exit code ${code}, signal ${signal}`;
          if (hung) s.hangs++;
          else s.crashes++;
          const kind = kindOf(current, why);
          const seen = failureKinds.get(kind) ?? 0;
          failureKinds.set(kind, seen + 1);
          const file = join(crashDir, `current-${current}.json`);
          if (seen < MAX_FIXTURES_PER_KIND && existsSync(file)) {
            const saved = saveFixture(current, readFileSync(file, 'utf8').trim(), why);
            if (saved !== null) fixtures.push(saved);
          }
        }
        // Restart for the time that is left (after a crash, a trap, or a hang), starting after the
        // target that failed so that one crashing target cannot starve the others.
        const next = targets.indexOf(current) + 1;
        void runChild(code === 0 ? [] : [...targets.slice(next), ...targets.slice(0, next)]).then(done);
      });
    });

  // Targets spread over the processes; with fewer targets than processes, each process runs them
  // all (with its own seeds).
  const groups = Array.from({ length: options.jobs }, (_, job) =>
    chosen.length < options.jobs ? chosen : chosen.filter((_name, i) => i % options.jobs === job),
  );
  await Promise.all(groups.map(runChild));
  report(stats, failureKinds, fixtures);
  const failed = [...stats.values()].some((s) => s.failures + s.crashes + s.hangs > 0);
  if (failed) process.exitCode = 1;
}

function latestCrashFile(dir: string, targets: string[]): string | null {
  let latest: { target: string; time: number } | null = null;
  for (const target of targets) {
    const file = join(dir, `current-${target}.json`);
    if (!existsSync(file)) continue;
    const time = statSync(file).mtimeMs;
    if (latest === null || time > latest.time) latest = { target, time };
  }
  return latest?.target ?? null;
}

function report(stats: Map<string, Stats>, failureKinds: Map<string, number>, fixtures: string[]): void {
  const rows = [...stats.entries()];
  const pad = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `\n${'target'.padEnd(pad)}  ${'inputs'.padStart(9)}  ${'inputs/s'.padStart(8)}  ${'native'.padStart(9)}  ${'wasm'.padStart(9)}  failures  crashes  hangs`,
  );
  const total = { inputs: 0, native: 0, wasm: 0, failures: 0, crashes: 0, hangs: 0 };
  for (const [name, s] of rows) {
    const rate = s.ms > 0 ? Math.round((s.inputs * 1000) / s.ms) : 0;
    const native = s.perBackend['native'] ?? 0;
    const wasm = s.perBackend['wasm'] ?? 0;
    console.log(
      `${name.padEnd(pad)}  ${String(s.inputs).padStart(9)}  ${String(rate).padStart(8)}  ${String(native).padStart(9)}  ${String(wasm).padStart(9)}  ${String(s.failures).padStart(8)}  ${String(s.crashes).padStart(7)}  ${String(s.hangs).padStart(5)}`,
    );
    total.inputs += s.inputs;
    total.native += native;
    total.wasm += wasm;
    total.failures += s.failures;
    total.crashes += s.crashes;
    total.hangs += s.hangs;
  }
  console.log(
    `${'total'.padEnd(pad)}  ${String(total.inputs).padStart(9)}  ${''.padStart(8)}  ${String(total.native).padStart(9)}  ${String(total.wasm).padStart(9)}  ${String(total.failures).padStart(8)}  ${String(total.crashes).padStart(7)}  ${String(total.hangs).padStart(5)}`,
  );
  console.log(
    `\ninputs per backend: native ${total.native}, wasm ${total.wasm}; crashes ${total.crashes}, hangs ${total.hangs}, failing inputs ${total.failures} (untyped errors, traps, disagreements)`,
  );
  for (const [kind, count] of failureKinds) console.log(`  ${count} × ${kind}`);
  if (fixtures.length > 0) console.log(`fixtures saved (${fixtures.length}):\n  ${fixtures.join('\n  ')}`);
}

await main();
