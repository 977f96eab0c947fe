// Prints the libolm sources of olm-sources.txt for one target, for binding.gyp's <!@(...).
// Usage: node scripts/olm-sources.cjs native|wasm [--defines]
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const target = process.argv[2];

if (process.argv[3] === '--defines') {
  const [major, minor, patch] = require('../vendor/olm/pin.json').version.split('.');
  console.log(`OLMLIB_VERSION_MAJOR=${major} OLMLIB_VERSION_MINOR=${minor} OLMLIB_VERSION_PATCH=${patch}`);
  process.exit(0);
}
const lines = fs.readFileSync(path.join(root, 'olm-sources.txt'), 'utf8').split('\n');
const out = [];
for (const raw of lines) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const m = /^(\w+):\s*(\S+)$/.exec(line);
  if (!m) out.push(line);
  else if (m[1] === target) out.push(m[2]);
}
console.log(out.join(' '));
