// rollup leaves new URL('./olm-wasm.wasm', import.meta.url) as it is and does not copy the .wasm:
// importMetaAssets() emits it beside the bundle.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'app/default.js',
  output: { dir: 'out/rollup', format: 'es' },
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
