// libolm's own SAS test keys (tests/test_sas.cpp), the X25519 example keys of RFC 7748 section 6.1,
// with the shared secret the RFC gives for them.
export const ALICE_PRIVATE = Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex');
export const ALICE_PUBLIC = 'hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo';
export const BOB_PUBLIC = '3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08';
export const SHARED_SECRET = Buffer.from('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742', 'hex');
// Their outputs for info 'SAS' / 'MAC' and input 'Hello world!'. calculateMac and
// calculateMacLongKdf carry libolm's in-place base64 quirk: only their first 4 characters are
// the plain HMAC's, so they are pinned as libolm computes them.
export const SAS_BYTES = '3987a872e7b9';
export const SAS_MACS = {
  calculateMac: '2nSMTXM+TStTU3RUVTNSVVZUTlNWVlpVVGxOV1ZscFY',
  calculateMacFixedBase64: '2nSMU3M+FMBTCWQg5IoIUoEErFZOjniAZTdqNhf+Dmo',
  calculateMacLongKdf: 'aYtxeF31MzG4ekc0ZWtjMFpXdGpNRnBYZEdwTlJuQlk',
};
