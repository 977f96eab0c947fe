#!/usr/bin/env node
// The olm-universal command: bench (src/bench/main.ts), info (src/cli/info.ts), help, --version.
// Usage and help go to stdout; errors, with the usage, to stderr.
import { readFileSync } from 'node:fs';

const USAGE = `usage: olm-universal <command> [options]

commands:
  bench [options]   measure libolm operations on each backend (olm-universal help bench)
  bench compare A.json B.json
                    compare two runs of bench --json: ratios, and changes beyond the noise
  info [--json]     which backends load here and which crypto primitives they run
  help [command]    this text, or a command's options

  --version         print olm-universal's version
`;

function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** A usage error: the message and the usage on stderr, exit 2. */
function usageError(message: string): number {
  process.stderr.write(`olm-universal: ${message}\n${USAGE}`);
  return 2;
}

async function help(command: string | undefined): Promise<number> {
  if (command === undefined) process.stdout.write(USAGE);
  else if (command === 'bench') process.stdout.write((await import('./bench/main.js')).BENCH_HELP);
  else if (command === 'info') process.stdout.write((await import('./cli/info.js')).INFO_HELP);
  else if (command === 'help') process.stdout.write(USAGE);
  else return usageError(`unknown command ${command}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
      return help(undefined);
    case 'help':
      if (rest.length > 1) return usageError(`help takes one command, got ${rest.join(' ')}`);
      return help(rest[0]);
    case '--version':
    case '-v':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'bench':
      return (await import('./bench/main.js')).bench(rest);
    case 'info':
      await (await import('./cli/info.js')).info(rest);
      return 0;
    default:
      return usageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`olm-universal: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
