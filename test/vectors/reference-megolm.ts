// Known answers made once by @matrix-org/olm 3.2.15 and pasted here: they must never change.

// A Megolm session: its session key (index 0) as @matrix-org/olm's OutboundGroupSession gave it,
// the key its InboundGroupSession exported at index 1, and three of its ciphertexts. The last
// plaintext holds a NUL (the reference's own decrypt stops there; ours must not).
export const MEGOLM_SESSION_KEY =
  'AgAAAABmhsVvGuU72ZAMVI9VenRozsQb4PQ2kCgm3zODVE3xreYvhd0wJMCD9AvPVM90fa6vX7AxcrrLcfoXmsCU62dGEW5RNtWbmq5TromhusRJ8wsC8/XPjMlyK6W64Mli5FcbDOy3KHgIs13Z5rjz1Im9KhKYBcxQaGoS4D9eNZesJkrtTBUXDr9kGyxplKIXttv/Ps9DAsKoEak3KPPL44bwatCE9YKIWsC40dEPtuI4hJ9OiqJDpWyHi0MYwB61tmqYTzKWaGRf5Rf/4Al8ZFI/T4hf5IyamHOWSYUIiCqDCg';
export const MEGOLM_SESSION_ID = 'Su1MFRcOv2QbLGmUohe22/8+z0MCwqgRqTco88vjhvA';
export const MEGOLM_EXPORTED_AT_1 =
  'AQAAAAFmhsVvGuU72ZAMVI9VenRozsQb4PQ2kCgm3zODVE3xreYvhd0wJMCD9AvPVM90fa6vX7AxcrrLcfoXmsCU62dGEW5RNtWbmq5TromhusRJ8wsC8/XPjMlyK6W64Mli5Ff4xlncfkLRGv1+WyT8miYhOvXZZMYSded/ZH0WucB0j0rtTBUXDr9kGyxplKIXttv/Ps9DAsKoEak3KPPL44bw';
export const MEGOLM_MESSAGES = [
  {
    messageIndex: 0,
    plaintext: 'known answer ✓',
    ciphertext:
      'AwgAEiBdxpIKiNg9xzO0+1ewJwcqqfPpdehqm42ZTX0kwlih3N9bl6KT7yqe8LkXTTLBzhW23WXHsZAwTM8+FRneLISeX6P098yh8qtfPx4Mhdg/5XUsl2Q2qkUlv9xJMX+UtrfyZJw0czIIBg',
  },
  {
    messageIndex: 1,
    plaintext: 'second message: héllo 🔐',
    ciphertext:
      'AwgBEiBfN3TmGj9ICJNJ26P9rSsv0HngiUq2LfWBz6CGz5lXuWZJvlYquwj8Cx3GoxqUqBhUPC7x8rYI2t1fKkm9hn0fzTQg7RNSPcuWP8iprcJFWNb2ePakAReZUzxYWV4GC1U3BQfI4yQhAg',
  },
  {
    messageIndex: 2,
    plaintext: 'third\u0000with a NUL',
    ciphertext:
      'AwgCEiDmaqeNIUcoSZEsqHawJ/Ma/mxcyQtlMbIAG6iOryLXFLgOx/tHU6gsHioxO2+uxGCYcdmansDER71zmltxJ8bwfTRcUfYdnsCfPjKUeulyYlM0D5BMv9JEgj3/botKIt/fCM5BgpfOAg',
  },
] as const;
