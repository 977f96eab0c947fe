// What one input did on one backend, reduced to what must be equal across backends: the result,
// or the error class and OlmError code. Anything else (an untyped Error, a WASM trap) is a failure.
import { OlmError } from '../../dist/api/library.js';

export type Verdict =
  | { ok: true; value: string }
  | { ok: false; error: 'OlmError'; code: string }
  | { ok: false; error: 'TypeError' | 'RangeError'; message: string }
  | { ok: false; error: 'untyped'; name: string; message: string };

/** A result as comparable text: bytes as hex, the rest as JSON. */
export function describeValue(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Uint8Array ? `hex:${Buffer.from(item).toString('hex')}` : item,
    ) ?? 'undefined'
  );
}

export function verdictOf(run: () => unknown): Verdict {
  try {
    return { ok: true, value: describeValue(run()) };
  } catch (error) {
    return verdictOfError(error);
  }
}

export function verdictOfError(error: unknown): Verdict {
  if (error instanceof OlmError) return { ok: false, error: 'OlmError', code: error.code };
  // A WebAssembly.RuntimeError (trap) and a plain Error are the untyped ones.
  if (error instanceof TypeError || error instanceof RangeError) {
    return { ok: false, error: error.constructor.name as 'TypeError' | 'RangeError', message: error.message };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { ok: false, error: 'untyped', name, message: error instanceof Error ? error.message : String(error) };
}

/** The part of a verdict both backends must share (TypeError/RangeError wording may differ). */
function key(verdict: Verdict): string {
  if (verdict.ok) return `ok ${verdict.value}`;
  if (verdict.error === 'OlmError') return `OlmError ${verdict.code}`;
  if (verdict.error === 'untyped') return `untyped ${verdict.name}: ${verdict.message}`;
  return verdict.error;
}

export function sameVerdict(a: Verdict, b: Verdict): boolean {
  return key(a) === key(b);
}

export function showVerdict(verdict: Verdict): string {
  const text = key(verdict);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Why a pair of verdicts fails the rules, or null if it passes. */
export function failureOf(verdicts: Record<string, Verdict>): string | null {
  const entries = Object.entries(verdicts);
  for (const [backend, verdict] of entries) {
    if (!verdict.ok && verdict.error === 'untyped') return `untyped error on ${backend}: ${showVerdict(verdict)}`;
    if (!verdict.ok && verdict.error === 'OlmError' && verdict.code === 'SUCCESS') {
      return `OlmError SUCCESS on ${backend}`;
    }
  }
  const [first, ...rest] = entries;
  for (const [backend, verdict] of rest) {
    if (first !== undefined && !sameVerdict(first[1], verdict)) {
      return `disagreement: ${first[0]} ${showVerdict(first[1])} / ${backend} ${showVerdict(verdict)}`;
    }
  }
  return null;
}
