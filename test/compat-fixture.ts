// Child-process fixtures for the compat layer: a temp dir where `require('olm-universal/compat')`
// resolves to this package through its exports map, as it would for an application.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export interface CompatDir {
  dir: string;
  /** Writes a file under the temp dir, creating its folders. */
  write(path: string, text: string): string;
  remove(): void;
}

/** A temp dir with node_modules/olm-universal linked to this package. */
export function compatDir(prefix: string): CompatDir {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const write = (path: string, text: string): string => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'olm-universal'), 'dir');
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` in `cwd`, OLM_BACKEND set to `backend` (asynchronously: backends run in parallel). */
export function runNode(args: string[], cwd: string, backend: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, OLM_BACKEND: backend, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
