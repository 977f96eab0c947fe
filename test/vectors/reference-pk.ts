// Known answers, recorded once from @matrix-org/olm 3.2.15.
export const PRIVATE_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
export const PUBLIC_KEY = 'B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw';
// PRIVATE_KEY's PkDecryption pickled with 'pickle key' (pickling is deterministic).
export const PICKLE =
  'jMB19KIRR7MDPZ14WF5EHnWL/OPMa3OB5Qn6UbNvUJMOdnUFsfWmhm21BADcZevMO+GeBGyF8a0SuvL6DRoAqsGxAVTfgZQyzYMynvrs/Ll0Q1Z9RnH0WQ';
export const MESSAGE = {
  ciphertext: 'aL2jyLA+PREd0Wl9LQ4yOUBbl1E7+74M2RrmfmI+K1Q',
  mac: '4zWO2W4mY1o',
  ephemeral: 'k2mfBvy89krEoIQaEHi1cG2o/KwqQQvvlz4PZdeHnnQ',
};
export const MESSAGE_PLAINTEXT = 'known answer ✓ 🔐';
export const SEED = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
export const SIGNING_KEY = 'uvxxvq06xeS2PpyCFu5xo0quxlci7tvKcotOmzzM45Y';
export const SIGNED = 'known answer ✓';
export const SIGNATURE = '9+Av8SMGcyaHTOdJwfiXETn67aGgNsgdXTUq+U5bGVufLUPDSFWBJnx5gfqXP0/AhstIIG76DA6gCPiSmQHFBg';
