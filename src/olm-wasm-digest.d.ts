// Types of dist/olm-wasm-digest.js, which wasm/digest.cjs writes after linking dist/olm-wasm.wasm.
export declare const OLM_WASM_DIGEST: { readonly size: number; readonly checksum: number };
