// Prints the sources of olm-sources.txt for one build, for binding.gyp's <!@(...). The tag rule
// is the one CMakeLists.txt applies: a bare path is in every build; "TAG: path" is in the builds
// whose target, crypto core or "target-core" equals TAG (the core defaults to fast).
// Usage: node scripts/olm-sources.cjs native|wasm [fast|stock] [--defines]
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const target = process.argv[2];

if (process.argv.includes('--defines')) {
  const [major, minor, patch] = require('../vendor/olm/pin.json').version.split('.');
  console.log(`OLMLIB_VERSION_MAJOR=${major} OLMLIB_VERSION_MINOR=${minor} OLMLIB_VERSION_PATCH=${patch}`);
  process.exit(0);
}
const crypto = process.argv[3] ?? 'fast';
const tags = new Set([target, crypto, `${target}-${crypto}`]);
const lines = fs.readFileSync(path.join(root, 'olm-sources.txt'), 'utf8').split('\n');
const out = [];
for (const raw of lines) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const m = /^([\w-]+):\s*(\S+)$/.exec(line);
  if (!m) out.push(line);
  else if (tags.has(m[1])) out.push(m[2]);
}
console.log(out.join(' '));
