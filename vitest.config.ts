import { configDefaults, defineConfig } from 'vitest/config';

// The suites `npm run test:quick` leaves out (OLM_TEST_QUICK=1): each takes seconds to minutes
// (durations from a full run on 2 busy cores) or needs a browser, a packed tarball, another Node
// or a C build. `npm test` and CI run everything.
const SLOW_SUITES = [
  'test/crypto-core.test.ts', // crypto differential against the reference (~80 s)
  'test/base64-ct.test.ts', // timing measurements (~22 s)
  'test/aes-ct.test.ts', // timing measurements (~5 s)
  'test/consumers.test.ts', // packed tarball in consumer projects (~20 s)
  'test/bundlers.test.ts', // bundles, run in Node and Chromium (~19 s)
  'test/bench.test.ts', // bench CLI end to end, charts in Chromium (~19 s)
  'test/bench-compare.test.ts', // real bench runs (~13 s)
  'test/ascii-wasm.test.ts', // Chromium (~3 s)
  'test/arm64.test.ts', // arm64 Node under qemu (~18 s)
  'test/soak.test.ts', // soak run (~15 s)
  'test/formats.test.ts', // packed tarball: require, import, Jest, node10 (~12 s)
  'test/limits.test.ts', // 256 MiB-1 GiB inputs (~9 s)
  'test/libfuzzer/replay.test.ts', // C fuzz targets over their corpora (~20 s)
  'test/libolm-c.test.ts', // C programs under ASan/UBSan (minutes on first build)
  'test/stack-scan.test.ts', // compiles libolm twice on first run
  'test/no-compiler.test.ts', // install without a compiler (~6 s)
  'test/node-versions.test.ts', // other Node versions (~5 s)
  'test/prebuild-glibc.test.ts', // prebuild's glibc baseline
  'test/lifetime.test.ts', // GC and memory-flatness loops (~5 s)
  'test/compat-types.test.ts', // tsc over the compat declarations (~3 s)
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: process.env.OLM_TEST_QUICK ? [...configDefaults.exclude, ...SLOW_SUITES] : configDefaults.exclude,
    testTimeout: 60_000,
    reporters: [process.env.CI ? 'verbose' : 'default', './test/summary-reporter.ts'],
  },
});
