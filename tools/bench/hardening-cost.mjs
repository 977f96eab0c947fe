// What the hardening costs the addon, row by row: `native` against `native (unhardened)` (the same
// fast core with libolm's table base64 and no stack burns), timed in process CPU time rather than
// wall time, so preemption by other jobs on a shared machine mostly drops out; rounds interleaved,
// the order alternating. A source build only (the unhardened addon is not shipped).
//   node tools/bench/hardening-cost.mjs [rows|all] [rounds=15] [ms per measurement=150]
import { load } from '../../dist/node.js';
import { ourOps } from '../../dist/bench/ops-ours.js';
import { ROWS } from '../../dist/bench/rows.js';

const rows = !process.argv[2] || process.argv[2] === 'all' ? ROWS.map((row) => row.id) : process.argv[2].split(',');
const rounds = Number(process.argv[3] ?? 15);
const ms = Number(process.argv[4] ?? 150);
const hardened = ourOps(await load({ backend: 'native' }));
const unhardened = ourOps(await load({ backend: 'native', nativePrimitives: 'unhardened' }));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function opsPerSecond(make) {
  const op = make();
  op.run();
  let count = 0,
    batch = 1,
    elapsed = 0;
  const start = cpuMs();
  do {
    for (let i = 0; i < batch; i++) op.run();
    count += batch;
    elapsed = cpuMs() - start;
    if (elapsed < ms / 10) batch *= 2;
  } while (elapsed < ms);
  op.free();
  return (count * 1000) / elapsed;
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

let lowest = Infinity;
for (const row of rows) {
  const h = [],
    u = [];
  for (let round = 0; round < rounds; round++) {
    const pair =
      round % 2
        ? [
            [h, hardened],
            [u, unhardened],
          ]
        : [
            [u, unhardened],
            [h, hardened],
          ];
    for (const [into, ops] of pair) into.push(opsPerSecond(ops[row]));
  }
  const ratio = median(h) / median(u);
  lowest = Math.min(lowest, ratio);
  console.log(
    `${row.padEnd(28)} native/unhardened ${ratio.toFixed(3)}x (median CPU ops/s ${Math.round(median(h))} vs ${Math.round(median(u))})`,
  );
}
console.log(`lowest: ${lowest.toFixed(3)}x`);
