// Regression fixtures: every failing input a fuzz run found, replayed by npm test
// (test/fuzz-regressions.test.ts) on both backends.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeInput, encodeInput } from './codec.js';

export const REGRESSIONS_DIR = resolve(process.cwd(), 'test/fuzz/regressions');

export interface Fixture {
  file: string;
  target: string;
  failure: string;
  input: unknown;
}

/** Saves `encodedInput` (codec.ts) as <target>-<hash>.json; returns the path, or null if known. */
export function saveFixture(target: string, encodedInput: string, failure: string, dir = REGRESSIONS_DIR): string | null {
  const hash = createHash('sha256').update(encodedInput).digest('hex').slice(0, 12);
  const file = join(dir, `${target}-${hash}.json`);
  if (existsSync(file)) return null;
  mkdirSync(dir, { recursive: true });
  const body = { target, failure, found: new Date().toISOString(), input: JSON.parse(encodedInput) as unknown };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

export function loadFixtures(dir = REGRESSIONS_DIR): Fixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const body = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { target: string; failure: string; input: unknown };
      return { file: name, target: body.target, failure: body.failure, input: decodeInput(JSON.stringify(body.input)) };
    });
}

export { encodeInput };
