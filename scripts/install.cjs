#!/usr/bin/env node
// npm's install step for olm-universal. A prebuilt addon that loads here is used as it is;
// otherwise the addon is compiled with node-gyp. When that fails too (no prebuild for this
// platform and no compiler), the install still succeeds: one notice, and the package runs on its
// WebAssembly backend (init() picks it). OLM_UNIVERSAL_REQUIRE_NATIVE=1 makes that an error.
'use strict';
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const nodeGypBuild = require.resolve('node-gyp-build');
const required = process.env.OLM_UNIVERSAL_REQUIRE_NATIVE === '1';
const platform = `${process.platform}-${process.arch}, Node ${process.versions.node}`;

/**
 * Whether node-gyp-build finds an addon (build/ or prebuilds/) that loads here. In this process, not
 * a child: where Node runs under an emulator (qemu-user), a child of the same binary cannot start.
 */
function addonLoads() {
  try {
    require(nodeGypBuild)(root);
    return true;
  } catch {
    return false;
  }
}

/** node-gyp rebuild, as npm provides it to install scripts (npm_config_node_gyp) or from PATH. */
function compile() {
  const nodeGyp = process.env.npm_config_node_gyp;
  const [command, args] = nodeGyp ? [process.execPath, [nodeGyp, 'rebuild']] : ['node-gyp', ['rebuild']];
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    shell: !nodeGyp && process.platform === 'win32',
    maxBuffer: 64 << 20,
  });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/** What node-gyp said went wrong, in one line. */
function reason(build) {
  if (build.error) return `node-gyp: ${build.error.message}`;
  const lines = `${build.stdout}\n${build.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stack = lines.find((line) => line.startsWith('gyp ERR! stack Error: '));
  const cause = stack?.slice('gyp ERR! stack Error: '.length) ?? lines.filter((line) => line.startsWith('gyp ERR!')).at(-1);
  return `node-gyp: ${cause ?? (build.ok ? 'built, but the addon does not load' : (lines.at(-1) ?? 'no output'))}`.slice(0, 200);
}

const fromSource = process.env.npm_config_build_from_source === 'true';
if (fromSource || !addonLoads()) {
  const build = compile();
  if (build.ok && addonLoads()) {
    process.stdout.write(build.stdout);
    process.stderr.write(build.stderr);
  } else {
    if (required) {
      process.stderr.write(`${build.stdout}${build.stderr}`);
      console.error(`olm-universal: the native addon could not be built for ${platform}`);
      process.exit(1);
    }
    // A half-made build/ would only be searched again at every load.
    rmSync(path.join(root, 'build'), { recursive: true, force: true });
    console.warn(
      `olm-universal: no prebuilt native addon loads on ${platform}, and compiling one failed ` +
        `(${reason(build)}). The WebAssembly backend will be used: same API, slower. ` +
        'For the native addon, install a C/C++ compiler, make and Python 3, then run `npm rebuild olm-universal`.',
    );
  }
}
