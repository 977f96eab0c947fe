// The sweeps (--sweep size, --sweep ahead): a few operations measured over a parameter in log
// steps. Each point is a "case" the runner measures like a row, with the id `<op>@<n>`.
import { megolmRuns, text, type MegolmPair, type OlmPair, type Prepared } from './rows.js';

export const SWEEP_KINDS = ['size', 'ahead'] as const;
export type SweepKind = (typeof SWEEP_KINDS)[number];

export const SWEEP_OPS = {
  size: [
    { id: 'megolm-encrypt', label: 'Megolm encrypt' },
    { id: 'megolm-decrypt', label: 'Megolm decrypt' },
    { id: 'olm-encrypt', label: 'Olm encrypt' },
    // Olm cannot decrypt one message twice: each run encrypts a fresh one and decrypts it.
    { id: 'olm-encrypt-decrypt', label: 'Olm encrypt+decrypt' },
  ],
  ahead: [{ id: 'megolm-decrypt-ahead', label: 'Megolm import+decrypt N ahead' }],
} as const;

export type SweepOpId = (typeof SWEEP_OPS)[SweepKind][number]['id'];

/** 16 B to 1 MiB and 1 to 65,536 messages ahead, in steps of 4x. */
export const DEFAULT_POINTS: Record<SweepKind, readonly number[]> = {
  size: [16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576],
  ahead: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536],
};

export const SWEEP_UNITS: Record<SweepKind, { axis: string; short: (n: number) => string }> = {
  size: {
    axis: 'plaintext size',
    short: (n) => (n >= 1 << 20 ? `${n / (1 << 20)} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`),
  },
  ahead: { axis: 'messages ahead', short: (n) => String(n) },
};

/** The largest point each kind accepts: sizes up to 16 MiB, up to 2^20 messages ahead. */
export const MAX_POINT: Record<SweepKind, number> = { size: 1 << 24, ahead: 1 << 20 };

export function isSweepKind(kind: string): kind is SweepKind {
  return (SWEEP_KINDS as readonly string[]).includes(kind);
}

/** The operations of one implementation at any point; a missing op is reported as n/a. */
export type SweepOpSet = Partial<Record<SweepOpId, (n: number) => Prepared>>;

export const caseId = (op: SweepOpId, n: number): string => `${op}@${n}`;

/** `megolm-encrypt@1024` → the op and the point; undefined for a row id. */
export function parseCase(id: string): { op: SweepOpId; n: number } | undefined {
  const at = id.lastIndexOf('@');
  if (at < 0) return undefined;
  const op = id.slice(0, at);
  const n = Number(id.slice(at + 1));
  const known = SWEEP_KINDS.some((kind) => SWEEP_OPS[kind].some((o) => o.id === op));
  return known && Number.isInteger(n) ? { op: op as SweepOpId, n } : undefined;
}

/**
 * The Megolm session a sweep of "ahead" imports, and its messages at each point: made once, by
 * whichever backend of ours loads, and shared by every implementation (the format is libolm's).
 */
export interface AheadFixture {
  /** The session exported at message index 0. */
  exported: string;
  /** message index → the message encrypted at it. */
  messages: Record<number, string>;
}

/** The sizes sweep ops from one implementation's Olm session pair and Megolm session pair. */
export function sizeSweepOps(make: { megolm(size: number): MegolmPair; olm(): OlmPair }): SweepOpSet {
  const olm = (size: number) => {
    const { a, b, free } = make.olm();
    const plaintext = text('o', size);
    return {
      encrypt: () => void a.encrypt(plaintext),
      // Olm decrypts a message once: each run encrypts a fresh one.
      encryptDecrypt: () => {
        const message = a.encrypt(plaintext);
        b.decrypt(message.type, message.body);
      },
      free,
    };
  };
  return {
    'megolm-encrypt': (n) => {
      const m = megolmRuns(make.megolm(n));
      return { run: m.encrypt, free: m.free };
    },
    'megolm-decrypt': (n) => {
      const m = megolmRuns(make.megolm(n));
      return { run: m.decrypt, free: m.free };
    },
    'olm-encrypt': (n) => {
      const o = olm(n);
      return { run: o.encrypt, free: o.free };
    },
    'olm-encrypt-decrypt': (n) => {
      const o = olm(n);
      return { run: o.encryptDecrypt, free: o.free };
    },
  };
}

/** The "ahead" op: import the fixture's session and decrypt the message n indices later. */
export function aheadSweepOp(
  fixture: AheadFixture | undefined,
  importAndDecrypt: (exported: string, message: string) => void,
): SweepOpSet {
  if (fixture === undefined) return {};
  return {
    'megolm-decrypt-ahead': (n) => {
      const message = fixture.messages[n];
      if (message === undefined) throw new Error(`bench: no fixture message ${n} ahead`);
      return { run: () => importAndDecrypt(fixture.exported, message), free: () => {} };
    },
  };
}
