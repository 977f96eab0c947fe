// Memory soak: `npm run soak [-- --scale S] [-- --backend native|wasm]` (runs dist/, like the
// other scripts). Per backend, in its own child process: 1,000,000 x S Megolm encrypt+decrypt
// round trips and 100,000 x S create/free cycles of each of the 9 classes, the first half of each
// in one synchronous loop, the second awaiting a setImmediate every 1,000. The RSS and the WASM
// module's memory are sampled 100 times per phase and checked against BOUNDS; exit status 1 if
// any is exceeded or a round trip gives a wrong answer. `--json` prints the results as JSON.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MiB = 2 ** 20;
/**
 * Measured on this project's 2-core machine (README "Robustness"), with margin. rssGrowth: the
 * highest RSS sampled during a phase over the RSS when the backend was loaded and warmed up;
 * wasmGrowth: the WASM memory's growth over the same (it only grows when full).
 */
const BOUNDS = {
  native: { rssGrowth: 96 * MiB, wasmGrowth: 0 },
  wasm: { rssGrowth: 96 * MiB, wasmGrowth: 1 * MiB },
};
const YIELD_EVERY = 1000;
const SAMPLES = 100;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const scale = Number(option('scale', '1'));
if (!(scale > 0 && scale <= 10)) throw new RangeError(`--scale must be in (0, 10], got ${option('scale')}`);

if (option('child') !== undefined) {
  await child(option('child'));
} else {
  await parent();
}

async function parent() {
  const backends = option('backend') ? [option('backend')] : ['native', 'wasm'];
  const script = fileURLToPath(import.meta.url);
  // The backends run side by side: each child measures its own process.
  const runs = await Promise.all(
    backends.map(
      (backend) =>
        new Promise((done, fail) => {
          const node = spawn(process.execPath, [script, '--child', backend, '--scale', String(scale)], {
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let out = '';
          node.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
          node.on('error', fail);
          node.on('close', (status) =>
            status === 0 ? done(JSON.parse(out)) : fail(new Error(`soak ${backend}: exit ${status}`)),
          );
        }),
    ),
  );
  const failures = [];
  for (const run of runs) {
    const bound = BOUNDS[run.backend];
    for (const phase of run.phases) {
      const over = [];
      if (phase.rssGrowth > bound.rssGrowth) over.push(`RSS +${mib(phase.rssGrowth)} > ${mib(bound.rssGrowth)}`);
      if (phase.wasmGrowth > bound.wasmGrowth) over.push(`WASM memory +${mib(phase.wasmGrowth)} > ${mib(bound.wasmGrowth)}`);
      if (phase.wrong > 0) over.push(`${phase.wrong} wrong results`);
      if (phase.live !== 0) over.push(`${phase.live} objects left`);
      phase.ok = over.length === 0;
      for (const what of over) failures.push(`${run.backend} ${phase.name}: ${what}`);
    }
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify({ scale, bounds: BOUNDS, runs, failures }));
  } else {
    for (const run of runs) {
      console.log(`${run.backend}: start RSS ${mib(run.startRss)}, WASM memory ${mib(run.startWasm)}`);
      for (const p of run.phases) {
        console.log(
          `  ${p.name.padEnd(26)} ${String(p.count).padStart(9)} in ${p.seconds.toFixed(1).padStart(6)} s` +
            `  RSS max +${mib(p.rssGrowth).padStart(9)}  end +${mib(p.rssEndGrowth).padStart(9)}` +
            `  WASM +${mib(p.wasmGrowth)}  ${p.ok ? 'ok' : 'OVER'}`,
        );
      }
    }
    console.log(failures.length === 0 ? `soak: within bounds (scale ${scale})` : `soak: ${failures.join('; ')}`);
  }
  process.exitCode = failures.length === 0 ? 0 : 1;
}

function mib(bytes) {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

async function child(name) {
  const { load } = await import('../dist/node.js');
  const { coreFor } = await import('../dist/binding/olm-object.js');
  const olm = await load({ backend: name });
  const backend = coreFor(olm.Account).backend;
  const rss = () => process.memoryUsage.rss();
  const wasm = () => (backend.heap ? backend.heap().byteLength : 0);

  const key = 'soak pickle key';
  const account = olm.Account.create();
  account.generateOneTimeKeys(1);
  const other = olm.Account.create();
  const session = olm.Session.createOutbound(other, account.identityKeys.curve25519, Object.values(account.oneTimeKeys)[0]);
  const outbound = olm.OutboundGroupSession.create();
  const decryption = olm.PkDecryption.create();
  const pickles = {
    account: account.pickle(key),
    session: session.pickle(key),
    outbound: outbound.pickle(key),
    decryption: decryption.pickle(key),
  };
  // One factory per class, the cheap one where there is a choice (unpickling also copies secrets
  // through the backend).
  const factories = {
    Account: () => olm.Account.unpickle(pickles.account, key),
    Session: () => olm.Session.unpickle(pickles.session, key),
    Utility: () => olm.Utility.create(),
    OutboundGroupSession: () => olm.OutboundGroupSession.unpickle(pickles.outbound, key),
    InboundGroupSession: () => olm.InboundGroupSession.create(outbound.sessionKey),
    PkEncryption: () => olm.PkEncryption.create(decryption.publicKey),
    PkDecryption: () => olm.PkDecryption.unpickle(pickles.decryption, key),
    PkSigning: () => olm.PkSigning.fromSeed(new Uint8Array(32).fill(7)),
    Sas: () => olm.Sas.create(),
  };
  const baseLive = backend.liveObjects();

  const sender = olm.OutboundGroupSession.create();
  const receiver = olm.InboundGroupSession.create(sender.sessionKey);
  let wrong = 0;
  const roundTrip = (i) => {
    // Plaintexts of 1 to 1,000 bytes.
    const plaintext = `soak ${i} `.padEnd(1 + (i % 1000), '.');
    const { plaintext: got, messageIndex } = receiver.decrypt(sender.encrypt(plaintext));
    if (got !== plaintext || messageIndex !== i) wrong++;
  };

  // Warm-up: allocators' pools, JIT, the scratch arena at its size.
  for (let i = 0; i < 2000; i++) roundTrip(i);
  for (const make of Object.values(factories)) for (let i = 0; i < 200; i++) make().free();
  let next = 2000;
  const startRss = rss();
  const startWasm = wasm();
  const phases = [];

  /** Runs `step` `count` times, yielding every YIELD_EVERY if `yielding`, sampling memory. */
  async function phase(phaseName, count, yielding, step) {
    const every = Math.max(1, Math.floor(count / SAMPLES));
    let maxRss = rss();
    let maxWasm = wasm();
    const wrongBefore = wrong;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      step();
      if (i % every === 0) {
        maxRss = Math.max(maxRss, rss());
        maxWasm = Math.max(maxWasm, wasm());
      }
      if (yielding && i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - start) / 1000;
    maxRss = Math.max(maxRss, rss());
    maxWasm = Math.max(maxWasm, wasm());
    phases.push({
      name: phaseName,
      count,
      seconds,
      rssGrowth: Math.max(0, maxRss - startRss),
      rssEndGrowth: rss() - startRss,
      wasmGrowth: maxWasm - startWasm,
      wrong: wrong - wrongBefore,
      live: backend.liveObjects() - baseLive - 2,
    });
  }

  const trips = Math.round((1_000_000 * scale) / 2);
  await phase('megolm sync', trips, false, () => roundTrip(next++));
  await phase('megolm yielding', trips, true, () => roundTrip(next++));
  const cycles = Math.round((100_000 * scale) / 2);
  for (const [className, make] of Object.entries(factories)) {
    await phase(`${className} sync`, cycles, false, () => make().free());
    await phase(`${className} yielding`, cycles, true, () => make().free());
  }
  console.log(JSON.stringify({ backend: name, startRss, startWasm, phases }));
}
