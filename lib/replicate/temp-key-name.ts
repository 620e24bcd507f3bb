import { randomBytes } from "node:crypto";
import { keySlot } from "@/lib/redis/cluster/key-slot";

/** Prefix of the keys a type-level copy builds before renaming them into place. */
export const TEMP_KEY_PREFIX = Buffer.from("__ferry_tmp:");

/** The bytes a cluster hashes for `key`: its `{tag}` when non-empty, else the whole key. */
function hashedPart(key: Buffer): Buffer {
  const open = key.indexOf(0x7b);
  if (open >= 0) {
    const close = key.indexOf(0x7d, open + 1);
    if (close > open + 1) return key.subarray(open + 1, close);
  }
  return key;
}

/**
 * A fresh temporary name in the same hash slot as `key`, so RENAME works on a cluster target.
 * The tag is the key's own hashed part when it can be written inside `{}` (no `}` in it);
 * otherwise a short tag with the same slot is searched (16,384 slots: a few thousand CRCs).
 */
export function tempKeyName(key: Buffer): Buffer {
  const part = hashedPart(key);
  let tag = part;
  if (part.includes(0x7d) || part.length === 0) {
    const slot = keySlot(key);
    for (let i = 0; ; i++) {
      const candidate = Buffer.from(`s${i.toString(36)}`);
      if (keySlot(candidate) === slot) {
        tag = candidate;
        break;
      }
    }
  }
  return Buffer.concat([TEMP_KEY_PREFIX, Buffer.from("{"), tag, Buffer.from(`}:${randomBytes(6).toString("hex")}`)]);
}

export function isTempKey(key: Buffer): boolean {
  return key.length >= TEMP_KEY_PREFIX.length && key.subarray(0, TEMP_KEY_PREFIX.length).equals(TEMP_KEY_PREFIX);
}
