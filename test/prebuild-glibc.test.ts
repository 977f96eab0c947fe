// The prebuilds load on every glibc that official Node 20+ runs on: glibc 2.28 (Debian 10,
// Ubuntu 20.04, RHEL 8) and that Node's libstdc++. What a shared object needs is its version-needs
// section (readelf -V): the dynamic loader refuses the object if any listed version is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

/**
 * The newest version of each family allowed: GLIBC as official Node 20's builds (their own
 * `readelf -V`: GLIBC_2.28 at most); GLIBCXX and CXXABI no newer than what Node 20.16's binary
 * itself needs (GLIBCXX_3.4.21, CXXABI_1.3.9), so any libstdc++ that runs Node runs the addon.
 */
const BASELINE: Record<string, string> = { GLIBC: '2.28', GLIBCXX: '3.4.21', CXXABI: '1.3.9' };

/** The versions a shared object needs, e.g. ['GLIBC_2.14', 'GLIBCXX_3.4.21']. */
function versionNeeds(file: string): string[] {
  const result = spawnSync('readelf', ['-V', '-W', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`readelf -V ${file} failed: ${result.stderr}`);
  const section = result.stdout.split("Version needs section '.gnu.version_r'")[1] ?? '';
  return [...section.matchAll(/Name: (\S+)/g)].map((match) => match[1]!);
}

const compare = (a: string, b: string): number => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
};

/** The needed versions newer than BASELINE allows (or of a family it does not know). */
function beyondBaseline(needs: string[]): string[] {
  return needs.filter((need) => {
    const [, family, version] = /^([A-Z]+)_([\d.]+)$/.exec(need) ?? [];
    const limit = family === undefined ? undefined : BASELINE[family];
    return limit === undefined || compare(version!, limit) > 0;
  });
}

describe('prebuilt addons: symbol versions within the glibc 2.28 baseline', () => {
  for (const platform of ['linux-x64', 'linux-arm64']) {
    it(`prebuilds/${platform}`, () => {
      const file = join(root, 'prebuilds', platform, 'olm-universal.node');
      expect(existsSync(file), `${file} (npm run prebuildify)`).toBe(true);
      const needs = versionNeeds(file);
      expect(
        needs.filter((need) => need.startsWith('GLIBC_')),
        'the section was read',
      ).not.toEqual([]);
      expect(beyondBaseline(needs)).toEqual([]);
      // pthread_once's GLIBC_2.2.5/2.17 version is libpthread's before glibc 2.34: named, not assumed loaded.
      const dynamic = spawnSync('readelf', ['-d', '-W', file], { encoding: 'utf8' }).stdout;
      expect(dynamic).toContain('Shared library: [libpthread.so.0]');
    });
  }
});
