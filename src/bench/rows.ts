// The benchmark's operations, one table row each. The ids are shared with the C baseline
// (bench/baseline.c), which implements the same operations against libolm's C API.
export const ROWS = [
  { id: 'account-create', label: 'account create' },
  { id: 'otk-generate-50', label: 'one-time keys x50' },
  { id: 'olm-session-setup', label: 'Olm session setup' },
  { id: 'olm-encrypt-decrypt', label: 'Olm encrypt+decrypt (2 turns)' },
  { id: 'megolm-encrypt-32', label: 'Megolm encrypt 32 B' },
  { id: 'megolm-encrypt-1k', label: 'Megolm encrypt 1 KiB' },
  { id: 'megolm-encrypt-64k', label: 'Megolm encrypt 64 KiB' },
  { id: 'megolm-decrypt-32', label: 'Megolm decrypt 32 B' },
  { id: 'megolm-decrypt-1k', label: 'Megolm decrypt 1 KiB' },
  { id: 'megolm-decrypt-64k', label: 'Megolm decrypt 64 KiB' },
  { id: 'megolm-decrypt-ahead-10000', label: 'Megolm import+decrypt 10k ahead' },
  { id: 'pickle-account', label: 'account pickle+unpickle' },
  { id: 'pickle-session', label: 'session pickle+unpickle' },
  { id: 'pickle-group-session', label: 'group session pickle+unpickle' },
  { id: 'ed25519-sign', label: 'ed25519 sign' },
  { id: 'ed25519-verify', label: 'ed25519 verify' },
  { id: 'sha256-1k', label: 'sha256 1 KiB' },
  { id: 'pk-encrypt', label: 'PK encrypt 256 B' },
  { id: 'pk-decrypt', label: 'PK decrypt 256 B' },
  { id: 'sas-mac', label: 'SAS MAC' },
] as const;

export type RowId = (typeof ROWS)[number]['id'];

export const ROW_IDS: readonly RowId[] = ROWS.map((row) => row.id);

export function isRowId(id: string): id is RowId {
  return (ROW_IDS as readonly string[]).includes(id);
}

/** One operation made ready on one implementation: run() is timed, free() releases the state. */
export interface Prepared {
  run(): void;
  free(): void;
}

/** The operations one implementation can run; a missing row is reported as n/a. */
export type OpSet = Partial<Record<RowId, () => Prepared>>;

// Inputs shared by every implementation (the C baseline uses the same sizes and strings).
export const PICKLE_KEY = 'bench pickle key';
export const MESSAGE_32 = '0123456789abcdef0123456789abcdef';
export const SIGNED_MESSAGE =
  '{"algorithms":["m.olm.v1.curve25519-aes-sha2"],"device_id":"BENCHDEVICE","user_id":"@bench:example.org"}';
export const SAS_INPUT = 'ed25519:BENCHDEVICE ZmFrZSBlZDI1NTE5IGtleSBmb3IgdGhlIGJlbmNobWFyaw';
export const SAS_INFO = 'MATRIX_KEY_VERIFICATION_MAC@alice:example.orgALICEDEVICE@bob:example.orgBOBDEVICEtxn1234KEY_IDS';
export const MEGOLM_SIZES = { '32': 32, '1k': 1024, '64k': 65536 } as const;
export const AHEAD = 10_000;
export const text = (char: string, length: number): string => char.repeat(length);

/** The first value of libolm's one-time key JSON ({"curve25519":{"AAAAAQ":"key"}}). */
export function firstOneTimeKey(keys: Record<string, string>): string {
  const key = Object.values(keys)[0];
  if (key === undefined) throw new Error('bench: the account has no one-time key');
  return key;
}

interface OlmSessionLike {
  encrypt(plaintext: string): { type: 0 | 1; body: string };
  decrypt(type: 0 | 1, body: string): string;
}

/** One message each way: each change of direction is a ratchet turn (a new curve25519 ratchet key). */
export function exchange(a: OlmSessionLike, b: OlmSessionLike): void {
  const there = a.encrypt(MESSAGE_32);
  b.decrypt(there.type, there.body);
  const back = b.encrypt(MESSAGE_32);
  a.decrypt(back.type, back.body);
}

/**
 * A Megolm session pair of any implementation, with a plaintext and its message: what the
 * encrypt and decrypt rows and the size sweep time.
 */
export interface MegolmPair {
  outbound: { encrypt(plaintext: string): unknown };
  inbound: { decrypt(message: string): unknown };
  plaintext: string;
  message: string;
  free(): void;
}

/** An Olm session pair of any implementation, set up and past its pre-key messages. */
export interface OlmPair {
  a: { encrypt(plaintext: string): { type: number; body: string } };
  b: { decrypt(type: number, body: string): unknown };
  free(): void;
}

/** The timed Megolm operations of a pair: encrypt its plaintext, decrypt its message. */
export function megolmRuns(m: MegolmPair): { encrypt(): void; decrypt(): void; free(): void } {
  return { encrypt: () => void m.outbound.encrypt(m.plaintext), decrypt: () => void m.inbound.decrypt(m.message), free: m.free };
}

/** The Megolm encrypt and decrypt rows at every size, from one implementation's session pairs. */
export function megolmSizeOps(pair: (size: number) => MegolmPair): OpSet {
  const ops: OpSet = {};
  for (const [name, size] of Object.entries(MEGOLM_SIZES)) {
    ops[`megolm-encrypt-${name}` as 'megolm-encrypt-32'] = () => {
      const p = megolmRuns(pair(size));
      return { run: p.encrypt, free: p.free };
    };
    ops[`megolm-decrypt-${name}` as 'megolm-decrypt-32'] = () => {
      const p = megolmRuns(pair(size));
      return { run: p.decrypt, free: p.free };
    };
  }
  return ops;
}

/** make() on the first call only: for fixtures too slow to rebuild for every measurement. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
