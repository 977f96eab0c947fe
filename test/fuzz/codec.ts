// Fuzz inputs as JSON (regression fixtures, the crash file): bytes and bigints tagged.

export function encodeInput(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return { $hex: Buffer.from(value).toString('hex') };
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    return value;
  });
}

export function decodeInput(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null) {
      if ('$hex' in value && typeof value.$hex === 'string') return new Uint8Array(Buffer.from(value.$hex, 'hex'));
      if ('$bigint' in value && typeof value.$bigint === 'string') return BigInt(value.$bigint);
    }
    return value;
  });
}
