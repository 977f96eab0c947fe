// One fuzzing process: runs its targets in turn (slices of a second or two) until its time is up,
// writing each input to the target's crash file before running it (one pwrite, padded with spaces
// to the previous length so the file always holds one whole JSON), so that a segfault leaves the
// input behind for the parent. Reports counts to the parent over IPC.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encodeInput } from './codec.js';
import { BACKEND_NAMES, Harness, loadBothBackends } from './harness.js';
import { allTargets } from './targets/index.js';

export interface ChildConfig {
  targets: string[];
  seconds: number;
  seed: number;
  crashDir: string;
}

export type ChildMessage =
  | { type: 'slice'; target: string }
  | { type: 'progress'; target: string; inputs: number; perBackend: Record<string, number>; ms: number }
  | { type: 'failure'; target: string; failure: string; input: string };

const SLICE_MS = 1500;
const BATCH = 100;

class CrashFile {
  readonly #fd: number;
  #length = 0;
  constructor(readonly path: string) {
    this.#fd = openSync(path, 'w');
  }
  record(text: string): void {
    let buffer = Buffer.from(text);
    if (buffer.length < this.#length) buffer = Buffer.concat([buffer, Buffer.alloc(this.#length - buffer.length, 0x20)]);
    writeSync(this.#fd, buffer, 0, buffer.length, 0);
    this.#length = buffer.length;
  }
  close(): void {
    closeSync(this.#fd);
  }
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Sends the last message, then exits once it is flushed (process.exit alone may drop it). */
function sendAndExit(message: ChildMessage, code: number): Promise<never> {
  return new Promise(() => {
    if (process.send === undefined) process.exit(code);
    process.send(message, () => process.exit(code));
  });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as ChildConfig;
  const backends = await loadBothBackends();
  const targets = allTargets(backends.native).filter((target) => config.targets.includes(target.name));
  const harnesses = targets.map((target) => new Harness(target, backends));
  const crashFiles = targets.map((target) => new CrashFile(join(config.crashDir, `current-${target.name}.json`)));
  const deadline = Date.now() + config.seconds * 1000;
  let seed = config.seed;
  while (Date.now() < deadline) {
    for (const [t, harness] of harnesses.entries()) {
      const name = harness.target.name;
      send({ type: 'slice', target: name });
      const sliceEnd = Math.min(deadline, Date.now() + SLICE_MS);
      const started = Date.now();
      let inputs = 0;
      while (Date.now() < sliceEnd) {
        for (const input of fc.sample(harness.target.arbitrary, { seed: seed++, numRuns: BATCH })) {
          const encoded = encodeInput(input);
          crashFiles[t]!.record(encoded);
          const { verdicts, failure } = harness.check(input);
          inputs++;
          if (failure === null) continue;
          send({ type: 'failure', target: name, failure, input: encoded });
          // A WASM trap leaves the module unusable: start a fresh process.
          const trapped = Object.values(verdicts).some((v) => !v.ok && v.error === 'untyped' && v.name === 'RuntimeError');
          if (trapped) await sendAndExit(progress(name, inputs, started), 3);
        }
      }
      send(progress(name, inputs, started));
    }
  }
  for (const file of crashFiles) file.close();
  await sendAndExit({ type: 'slice', target: '' }, 0);
}

function progress(target: string, inputs: number, started: number): ChildMessage {
  const perBackend = Object.fromEntries(BACKEND_NAMES.map((backend) => [backend, inputs]));
  return { type: 'progress', target, inputs, perBackend, ms: Date.now() - started };
}

await main();
