// The doc lint (scripts/doc-lint.mjs): every public member of the package's entry points has a
// TSDoc comment, every method and function a @throws, and the codes a @throws names are
// OlmErrorCodes. It must pass on src/ and must find each kind of gap in a fixture.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docLint, entryPoints } from '../scripts/doc-lint.mjs';

const fixtures = join(import.meta.dirname, 'fixtures', 'doc-lint');

describe('doc lint', () => {
  it("checks the package's entry points, compat excluded", () => {
    const entries = entryPoints().map((path) => path.slice(path.lastIndexOf('/src/') + 1));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.some((path) => path.includes('compat'))).toBe(false);
  });

  it('finds every public member documented, with @throws on methods and functions', () => {
    expect(docLint()).toEqual([]);
  }, 120_000);

  it('finds each kind of gap in a fixture, and nothing in private, protected or documented members', () => {
    const problems = docLint([join(fixtures, 'gaps.ts')]).map((line) => line.replace(/^\S+ /, ''));
    expect(problems.sort()).toEqual(
      [
        'noDoc: no doc comment',
        'noThrows: no @throws',
        'wrongCode: @throws names NOT_A_CODE, not an OlmErrorCode',
        'Undocumented: no doc comment',
        'Shape#undocumented: no doc comment',
        'Thing#emptyThrows: an empty @throws',
        'Thing#property: no doc comment',
        'Thing#inheritedNoDoc: no doc comment',
        'Thing#method: no @throws',
        'Thing.make: no doc comment',
        'NoDoc: no doc comment',
        'Constructed constructor: no doc comment',
        'Constructed#size: no doc comment',
      ].sort(),
    );
    expect(docLint([join(fixtures, 'complete.ts')])).toEqual([]);
  }, 120_000);
});
