/* The WASM module has no main: its exports are libolm functions. */
