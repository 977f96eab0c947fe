// The sweeps as tables (text and Markdown output): one line per operation and implementation,
// one column per point, the median ops/s (and MB/s for sizes) in each cell.
import { formatOps, type BenchReport } from './report.js';
import { SWEEP_UNITS } from './sweep.js';

export interface SweepTable {
  title: string;
  head: string[];
  body: string[][];
}

export function sweepTables(report: BenchReport): SweepTable[] {
  return report.sweeps.map((sweep) => ({
    title: `sweep: ${sweep.axis} (ops/s${sweep.kind === 'size' ? ', MB/s of plaintext' : ''}; median over rounds)`,
    head: ['operation', 'implementation', ...sweep.points.map((n) => SWEEP_UNITS[sweep.kind].short(n))],
    body: sweep.ops.flatMap((op) =>
      report.implementations
        .filter((impl) => op.results[impl.id]?.some((r) => r !== null))
        .map((impl) => [
          op.label,
          impl.label,
          ...op.results[impl.id]!.map((r, i) => {
            if (r === null) return 'n/a';
            const mbps = (r.median * sweep.points[i]!) / 1e6;
            return sweep.kind === 'size'
              ? `${formatOps(r.median)} ${mbps >= 100 ? mbps.toFixed(0) : mbps.toPrecision(2)}MB/s`
              : formatOps(r.median);
          }),
        ]),
    ),
  }));
}
