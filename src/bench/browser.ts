// The page side of --browser: loads the WASM backend in the browser and measures one case (a row
// or a sweep point) per call (the host drives the rounds through playwright, see browser-host.ts).
import { load } from '../wasm.js';
import { opFor } from './cases.js';
import { measureOp } from './measure.js';
import { ourOps, ourSweepOps } from './ops-ours.js';
import type { AheadFixture } from './sweep.js';

export interface BrowserBench {
  /** libolm's version and the crypto core, as the page's build reports them. */
  version: string;
  primitives: string;
  /** The "ahead" sweep's shared fixture, made by the host. */
  setAhead(fixture: AheadFixture): void;
  measure(caseId: string, minMs: number): number | null;
}

const olm = await load({ backend: 'wasm' });
const ops = ourOps(olm);
let sweep = ourSweepOps(olm);
const bench: BrowserBench = {
  version: olm.version,
  primitives: olm.primitives,
  setAhead: (fixture) => void (sweep = ourSweepOps(olm, fixture)),
  measure: (caseId, minMs) => measureOp(opFor(ops, sweep, caseId), minMs),
};
(globalThis as { olmBench?: BrowserBench }).olmBench = bench;
