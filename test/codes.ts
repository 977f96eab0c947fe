// Error codes as our OlmError and @matrix-org/olm (Error('OLM.<CODE>')) report them, to compare.
import { expect } from 'vitest';
import { OlmError } from '../dist/api/library.js';

/** The OlmError code `fn` throws (fails the test if it throws anything else, or nothing). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OlmError);
    return (error as OlmError).code;
  }
  throw new Error('expected an OlmError, nothing was thrown');
}

/** The code @matrix-org/olm throws: its messages are 'OLM.<name>', some names prefixed 'OLM_'. */
export function referenceCodeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const match = /^OLM\.(?:OLM_)?([A-Z0-9_]+)$/.exec((error as Error).message);
    if (match === null) throw error;
    return match[1]!;
  }
  throw new Error('expected @matrix-org/olm to throw, nothing was thrown');
}
