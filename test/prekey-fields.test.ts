// A pre-key message missing any field, or with a key of the wrong length, is refused before
// libolm uses it (vendor/olm/patches/0001): createInbound[From] throw OlmError
// BAD_MESSAGE_FORMAT and matchesInbound[From] say false, the same on both backends. Unpatched,
// one without the identity key crashed the native process (SIGSEGV) and let WASM create a
// session forged from Bob's public keys alone, so every backend runs in a child process.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, loadBackend } from './backends.js';
import { publishOneTimeKey } from './olm-helpers.js';
import { encode, fromBase64, parse, toBase64, type Message } from './protobuf.js';

const ENTRY_POINTS = ['createInbound', 'createInboundFrom', 'matchesInbound', 'matchesInboundFrom'] as const;
const MAC_LENGTH = 8;
// Pre-key message fields, and the inner (normal) message's.
const OUTER = { oneTimeKey: 1, baseKey: 2, identityKey: 3, message: 4 } as const;
const INNER = { ratchetKey: 1, counter: 2, ciphertext: 4 } as const;

interface Fixture {
  account: string;
  session: string;
  key: string;
  aliceIdentityKey: string;
  messages: { name: string; body: string }[];
}

// One child per backend: unpickles Bob's account and session, runs every entry point on every
// message and writes one JSON line per call as it goes (a crash leaves the rest unwritten).
// createInbound[From] go on to decrypt with the new session: a forged session shows as "decrypted".
const CHILD = `
import { writeSync } from 'node:fs';
const [dist, backend, json] = process.argv.slice(1);
const { load } = await import(dist);
const input = JSON.parse(json);
const olm = await load({ backend });
const account = olm.Account.unpickle(input.account, input.key);
const session = olm.Session.unpickle(input.session, input.key);
const runs = {
  createInbound: (body) => olm.Session.createInbound(account, body).decrypt(0, body) && 'decrypted',
  createInboundFrom: (body) =>
    olm.Session.createInboundFrom(account, input.aliceIdentityKey, body).decrypt(0, body) && 'decrypted',
  matchesInbound: (body) => String(session.matchesInbound(body)),
  matchesInboundFrom: (body) => String(session.matchesInboundFrom(input.aliceIdentityKey, body)),
};
for (const { name, body } of input.messages) {
  for (const [entry, run] of Object.entries(runs)) {
    let verdict;
    try { verdict = run(body); } catch (error) {
      verdict = error.name === 'OlmError' ? 'OlmError ' + error.code : 'untyped ' + error.name + ': ' + error.message;
    }
    writeSync(1, JSON.stringify({ name, entry, verdict }) + '\\n');
  }
}
`;

type Verdicts = Map<string, string>;

async function verdictsOn(backend: string, fixture: Fixture): Promise<Verdicts> {
  const dist = resolve(import.meta.dirname, '..', 'dist', 'node.js');
  const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD, dist, backend, JSON.stringify(fixture)]);
  const { stdout, exit } = await run.then(
    ({ stdout }) => ({ stdout, exit: 'exit 0' }),
    (error: { stdout: string; code: number | null; signal: string | null }) => ({
      stdout: error.stdout,
      exit: error.signal ? `killed by ${error.signal}` : `exit ${error.code}`,
    }),
  );
  const verdicts: Verdicts = new Map();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const { name, entry, verdict } = JSON.parse(line) as { name: string; entry: string; verdict: string };
    verdicts.set(`${name} / ${entry}`, verdict);
  }
  // Calls that never reported: the child died in (or before) the first of them.
  for (const { name } of fixture.messages) {
    for (const entry of ENTRY_POINTS) {
      const key = `${name} / ${entry}`;
      if (!verdicts.has(key)) verdicts.set(key, `no answer: ${backend} child ${exit}`);
    }
  }
  return verdicts;
}

const without = (message: Message, number: number): Message => ({
  version: message.version,
  fields: message.fields.filter((field) => field.number !== number),
});
const withField = (message: Message, number: number, value: Uint8Array): Message => ({
  version: message.version,
  fields: message.fields.map((field) => (field.number === number ? { number, value } : field)),
});

describe('pre-key messages missing a field', () => {
  let fixture: Fixture;
  const expected = new Map<string, string>();

  beforeAll(async () => {
    const olm = await loadBackend('wasm');
    const alice = olm.Account.create();
    const bob = olm.Account.create();
    const outbound = olm.Session.createOutbound(alice, bob.identityKeys.curve25519, publishOneTimeKey(bob));
    const first = outbound.encrypt('first').body;
    const inbound = olm.Session.createInbound(bob, first);
    // Alice's second pre-key message: Bob's session matches it and has not decrypted it yet.
    const body = fromBase64(outbound.encrypt('second').body);
    const outer = parse(body);
    const innerBytes = outer.fields.find((field) => field.number === OUTER.message)!.value as Uint8Array;
    const inner = parse(innerBytes, MAC_LENGTH);
    const mac = innerBytes.slice(innerBytes.length - MAC_LENGTH);
    const withInner = (message: Message): Uint8Array =>
      encode(withField(outer, OUTER.message, Uint8Array.from([...encode(message), ...mac])));
    const identity = outer.fields.find((field) => field.number === OUTER.identityKey)!.value as Uint8Array;

    const refused = { create: 'OlmError BAD_MESSAGE_FORMAT', matches: 'false' };
    // matches* compare the sender's keys only; the inner message is checked when it is decrypted.
    const badInner = { create: 'OlmError BAD_MESSAGE_FORMAT', matches: 'true' };
    const cases: [string, Uint8Array, { create: string; matches: string }][] = [
      ['unchanged', body, { create: 'decrypted', matches: 'true' }],
      ...Object.entries(OUTER).map(([field, number]): [string, Uint8Array, typeof refused] => [
        `without ${field}`,
        encode(without(outer, number)),
        refused,
      ]),
      ['identityKey of 31 bytes', encode(withField(outer, OUTER.identityKey, identity.slice(1))), refused],
      ['identityKey of 33 bytes', encode(withField(outer, OUTER.identityKey, Uint8Array.from([...identity, 0]))), refused],
      ['empty baseKey', encode(withField(outer, OUTER.baseKey, new Uint8Array())), refused],
      ...Object.entries(INNER).map(([field, number]): [string, Uint8Array, typeof refused] => [
        `inner message without ${field}`,
        withInner(without(inner, number)),
        badInner,
      ]),
    ];
    for (const [name, , verdict] of cases) {
      for (const entry of ENTRY_POINTS)
        expected.set(`${name} / ${entry}`, entry.startsWith('create') ? verdict.create : verdict.matches);
    }
    const key = 'pickle key';
    fixture = {
      account: bob.pickle(key),
      session: inbound.pickle(key),
      key,
      aliceIdentityKey: alice.identityKeys.curve25519,
      messages: cases.map(([name, bytes]) => ({ name, body: toBase64(bytes) })),
    };
  });

  it('are refused by all four entry points, identically on both backends', async () => {
    const got = await Promise.all(
      BACKENDS.map(async (backend) => [backend, Object.fromEntries(await verdictsOn(backend, fixture))]),
    );
    const want = Object.fromEntries(expected);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(BACKENDS.map((backend) => [backend, want])));
  }, 60_000);
});
