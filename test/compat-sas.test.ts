// olm-universal/compat against @matrix-org/olm: SAS bytes and every MAC agree.
import { expect, it } from 'vitest';
import { compat, describeVsReference, reference } from './compat-vs-reference.js';

describeVsReference(() => {
  it('SAS agrees with the reference on bytes and every MAC', () => {
    const [alice, bob] = [new compat.SAS(), new reference.SAS()];
    expect(alice.is_their_key_set()).toBe(false);
    alice.set_their_key(bob.get_pubkey());
    bob.set_their_key(alice.get_pubkey());
    expect(alice.is_their_key_set()).toBe(true);
    expect(alice.generate_bytes('SAS', 6)).toEqual(bob.generate_bytes('SAS', 6));
    for (const mac of ['calculate_mac', 'calculate_mac_fixed_base64', 'calculate_mac_long_kdf'] as const) {
      expect(alice[mac]('input ☕', 'info'), mac).toBe(bob[mac]('input ☕', 'info'));
    }
    alice.free();
    bob.free();
  });
});
