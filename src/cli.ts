#!/usr/bin/env node
// The olm-universal command. Subcommands: bench (see src/bench/main.ts), info (src/info.ts).
const USAGE =
  'usage: olm-universal bench [--quick] [--json FILE] [--html FILE] [--browser] (bench --help for more)\n' +
  '       olm-universal info [--json]     which backends load here and which primitives they run\n';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'bench') {
    const { bench } = await import('./bench/main.js');
    await bench(rest);
    return 0;
  }
  if (command === 'info') {
    const { info } = await import('./info.js');
    await info(rest);
    return 0;
  }
  process.stderr.write(command === undefined || command === '--help' || command === '-h' ? USAGE : `unknown command ${command}\n${USAGE}`);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`olm-universal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
