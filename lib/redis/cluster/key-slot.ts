/** Redis Cluster's slot count: every key hashes to one of these. */
export const CLUSTER_SLOT_COUNT = 16384;

// CRC16-CCITT (XMODEM), the variant Redis Cluster specifies; a table keeps it at one lookup per byte.
const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let b = 0; b < 8; b++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

export function crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes[i]) & 0xff];
  return crc;
}

/**
 * The slot of a key, as CLUSTER KEYSLOT computes it: only the hash tag is hashed when the key has
 * a non-empty `{...}` (the first `{` and the first `}` after it), so `{user1}.a` and `{user1}.b`
 * share a slot. Keys are bytes: a string is hashed as its UTF-8 encoding.
 */
export function keySlot(key: Buffer | string): number {
  const bytes = typeof key === "string" ? Buffer.from(key, "utf8") : key;
  const open = bytes.indexOf(0x7b);
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1);
    if (close > open + 1) return crc16(bytes, open + 1, close) & (CLUSTER_SLOT_COUNT - 1);
  }
  return crc16(bytes) & (CLUSTER_SLOT_COUNT - 1);
}
