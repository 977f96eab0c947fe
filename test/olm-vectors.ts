// Known answers made once by @matrix-org/olm 3.2.15 and pasted here: they must never change.

// An account with two one-time keys and an unpublished fallback key, pickled with PICKLE_KEY,
// and its signature of SIGNED_MESSAGE (ed25519 signatures are deterministic).
export const PICKLE_KEY = 'olm-universal test pickle key ✓';
export const REFERENCE_PICKLE =
  'l988858945iZZlDYDVmNlSDPnEE6aLEfO14KWhTtmn+9yuvthJYY4R3VTBAAoea6zgpv65VvAf2mxr+rnAgfqANdX3dIdeviR4h16fElGi1Zturn40Nub/IpCkxHjwpTzKfxBkZwB6PIFyTa6Tvbyz5gljtn4NRzhgGZQESfiC6X+6Bib69GG+QedKvkgHgBKuHQ//bv7Cfrstmi0SJwmUIF1aH03H+xWYC66uBm6RedrgF7jIaQxZb/UCQdURH4dmqeoURFRq/CLO3zM4Le7T0SVVchCJTPIGxbdUqg3NHD/a04mEi8XyR/6so49W6uRs+Sh1ZvGkPK8aaXSj7z5tY7FmbR4LiiBkYwZQ+u2qM4fWX12khGSKi1kb+4UQS3B8qjB8RjG9fhAlWror5pMZsjlONI9WHAV/8Liv8hNL7sv90qFv8rT/FNCahUrY7v8SaYxs+lYKHVBDv3qPGrxjnnjNLOQA3zUE4lzOYe2307CyTmiov1Pi40nlpbVVpktPLIZ0WX91o';
export const REFERENCE_IDENTITY_KEYS = {
  curve25519: 'IdOT+IPlAkZw5nIlpsW3vUt37NdpEwx4eU0nfq2CIGQ',
  ed25519: '8Ax26CjdiWKwtMMSUR9jrxzfb+XzBz/OXZPaLF9DsF4',
};
export const REFERENCE_ONE_TIME_KEYS = {
  AAAAAg: 'x9SZuzpxeXwYofmdSsBa/FWIDNC5LORbRwoMtKaQGCk',
  AAAAAQ: 'LDk/5ykvTc5ZpFvBDigZzam4ttDC8Xj9zNhhTsKbnD8',
};
export const REFERENCE_FALLBACK_KEY = { AAAAAw: 'FS/tUlW7ZIew/FzsmgIEXZV0pE8rUl8QZCY/Pz8teSg' };
export const SIGNED_MESSAGE = 'olm-universal known-answer message ✓';
export const REFERENCE_SIGNATURE =
  'fK4ah9Ogkd+tIh1y7OpK8homG05U7ceou9k/Z5SJ0pIUss/chmwRhrMBXOt8jf1njW8oA238CS8LxNzWEL/qAA';

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
