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
