// The olm-universal command's interface in a source build: usage on stdout, --version, help,
// unknown commands and options refused. (The installed package's `info` is in formats.test.ts.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function olmUniversal(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, OLM_BACKEND: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('usage', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the usage on stdout', (args) => {
    const result = olmUniversal(...args);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage: olm-universal <command>/);
    for (const command of ['bench', 'info', 'help']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('--version');
  });

  it.each([['--version'], ['-v']])('%s prints the version', (flag) => {
    expect(olmUniversal(flag)).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it("help <command> prints that command's help", () => {
    expect(olmUniversal('help', 'bench')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^usage: olm-universal bench/),
    });
    expect(olmUniversal('help', 'info')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^usage: olm-universal info/),
    });
    expect(olmUniversal('info', '--help')).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^usage: olm-universal info/),
    });
  });
});

describe('refused', () => {
  it('an unknown command: the usage on stderr, exit 2', () => {
    const result = olmUniversal('frob');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^olm-universal: unknown command frob\nusage: olm-universal <command>/);
  });

  it.each([['info', '--bogus'], ['info', 'extra'], ['help', 'frob'], ['--bogus']])('%s %s', (...args) => {
    const result = olmUniversal(...args);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bogus|extra|frob/);
  });
});

describe('info in a source build', () => {
  it('shows the stock-core addon that build:native made, with the command to build it', () => {
    const result = olmUniversal('info');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/native \(stock\) +libolm 3\.2\.13, primitives: stock: /);
  });
});
