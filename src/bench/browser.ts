// The page side of --browser: loads the WASM backend in the browser and measures one row per call
// (the host drives the rounds through playwright, see browser-host.ts).
import { load } from '../wasm.js';
import { measureOp } from './measure.js';
import { ourOps } from './ops-ours.js';
import type { RowId } from './rows.js';

export interface BrowserBench {
  version: string;
  measure(row: RowId, minMs: number): number | null;
}

const olm = await load({ backend: 'wasm' });
const ops = ourOps(olm);
const bench: BrowserBench = { version: olm.version, measure: (row, minMs) => measureOp(ops[row], minMs) };
(globalThis as { olmBench?: BrowserBench }).olmBench = bench;
