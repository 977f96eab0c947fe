// Shared steps of the Olm tests: a published one-time key, a session set up between two accounts.
import { expect } from 'vitest';
import type { Account, Olm, OlmErrorCode, Session } from '../dist/api/library.js';
import { codeOf } from './codes.js';

/** Base64 without padding of the given length, as libolm writes keys and hashes. */
export const unpaddedBase64 = (length: number): RegExp => new RegExp(`^[A-Za-z0-9+/]{${length}}$`);

/** Asserts that `run` throws an OlmError with `code`. */
export function expectCode(run: () => unknown, code: OlmErrorCode): void {
  expect(codeOf(run)).toBe(code);
}

/** One freshly generated one-time key of `account`, marked as published. */
export function publishOneTimeKey(account: Account): string {
  account.generateOneTimeKeys(1);
  const [key] = Object.values(account.oneTimeKeys);
  account.markKeysAsPublished();
  return key!;
}

export interface Pair {
  alice: Account;
  bob: Account;
  /** Alice's session, created from Bob's keys. */
  outbound: Session;
  /** Bob's session, created from Alice's first (pre-key) message. */
  inbound: Session;
}

/** Alice (on `from`) starts a session with Bob (on `to`), who decrypts her first message. */
export function establish(from: Olm, to: Olm, first = 'hello Bob ✓'): Pair {
  const alice = from.Account.create();
  const bob = to.Account.create();
  const outbound = from.Session.createOutbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
  const message = outbound.encrypt(first);
  expect(message.type).toBe(0);
  const inbound = to.Session.createInbound(bob, message.body);
  expect(inbound.decrypt(message.type, message.body)).toBe(first);
  return { alice, bob, outbound, inbound };
}

/** Sends `texts` from one session to the other, each decrypted right away. */
export function converse(sender: Session, receiver: Session, texts: readonly string[]): void {
  for (const text of texts) {
    const { type, body } = sender.encrypt(text);
    expect(receiver.decrypt(type, body)).toBe(text);
  }
}
