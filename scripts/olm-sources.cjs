// The one description of the native builds: which sources (olm-sources.txt, by its tag rule),
// which version defines (vendor/olm/pin.json) and which compile flags. CMakeLists.txt (through
// execute_process) and binding.gyp (through <!@(...)) both print what they compile from here.
//   node scripts/olm-sources.cjs native|wasm [fast|stock] [--only common|core]
//       the sources of one build (the core defaults to fast): a bare path is in every build;
//       "TAG: path" is in the builds whose target, crypto core or "target-core" equals TAG.
//       --only common: those of every core of the target; --only core: those of this core only.
//   node scripts/olm-sources.cjs --defines        OLMLIB_VERSION_MAJOR=3 ... (from pin.json)
//   node scripts/olm-sources.cjs --flags PART KEY the flags of PART (libolm, addon); KEY is
//       include_dirs (relative to the repository root) or defines, both also seen by what links
//       PART in CMake, private_include_dirs or private_defines (PART's own compilation only),
//       cflags (C and C++) or cflags_cc
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');

/**
 * libolm (with native/crypto and native/ops) and the N-API addon over it. Build-system-specific
 * settings stay in their files: position-independent code, symbol visibility, the cmake-js and
 * node-gyp include paths, node-gyp's default flags removed, glibc-baseline.h for the prebuilds.
 */
const FLAGS = {
  libolm: {
    include_dirs: ['vendor/olm/include'],
    private_include_dirs: ['vendor/olm/lib'],
    defines: ['OLM_STATIC_DEFINE'], // and the version (versionDefines)
    private_defines: ['NDEBUG'],
    cflags: ['-O3'], // CMake's OLM_OPT may replace it, for measurements
    cflags_cc: ['-std=c++11', '-fno-exceptions', '-fno-rtti'],
  },
  addon: {
    include_dirs: ['vendor/olm/include'],
    private_include_dirs: [],
    private_defines: [],
    defines: ['NAPI_VERSION=8', 'NAPI_DISABLE_CPP_EXCEPTIONS', 'NODE_ADDON_API_DISABLE_DEPRECATED', 'OLM_STATIC_DEFINE'],
    cflags: ['-O3', '-Wall', '-Wextra'],
    cflags_cc: ['-std=c++17', '-fno-exceptions'],
  },
};

function versionDefines() {
  const [major, minor, patch] = require('../vendor/olm/pin.json').version.split('.');
  return [`OLMLIB_VERSION_MAJOR=${major}`, `OLMLIB_VERSION_MINOR=${minor}`, `OLMLIB_VERSION_PATCH=${patch}`];
}

function sources(target, core, only) {
  const common = new Set([target]);
  const ofCore = new Set([core, `${target}-${core}`]);
  const out = [];
  for (const raw of fs.readFileSync(path.join(root, 'olm-sources.txt'), 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([\w-]+):\s*(\S+)$/.exec(line);
    const inCommon = !m || common.has(m[1]);
    const inCore = m !== null && ofCore.has(m[1]);
    if (only === 'common' ? inCommon : only === 'core' ? inCore : inCommon || inCore) out.push(m ? m[2] : line);
  }
  return out;
}

function usage() {
  console.error('usage: olm-sources.cjs native|wasm [fast|stock] [--only common|core] | --defines | --flags libolm|addon KEY');
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.includes('--defines')) {
  console.log(versionDefines().join(' '));
} else if (args[0] === '--flags') {
  const [, part, key] = args;
  const values = FLAGS[part]?.[key] ?? usage();
  console.log((part === 'libolm' && key === 'defines' ? [...values, ...versionDefines()] : values).join(' '));
} else {
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
  const [target, core = 'fast'] = args;
  if (!['native', 'wasm'].includes(target) || !['fast', 'stock'].includes(core) || ![undefined, 'common', 'core'].includes(only))
    usage();
  console.log(sources(target, core, only).join(' '));
}
