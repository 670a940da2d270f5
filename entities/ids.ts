import { randomBytes } from "node:crypto";

/** Makes ids such as `ord_7f3kq9x2m4wz`: a prefix, an underscore, 16 base-32 characters. */
export interface IdGenerator {
  next(prefix: string): string;
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function encode(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

// Random bytes fetched a page at a time: one system call serves many ids.
let pool = randomBytes(4096);
let offset = 0;

export const randomIds: IdGenerator = {
  next: (prefix) => {
    if (offset + 16 > pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + 16);
    offset += 16;
    return `${prefix}_${encode(bytes, 16)}`;
  },
};

/**
 * Deterministic ids for evaluation and tests: the same seed gives the same sequence. Sixteen
 * characters after the prefix, so they never collide with short hand-written ids like `ord_1`.
 */
export function seededIds(seed = 1): IdGenerator {
  let state = seed >>> 0 || 1;
  const byte = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return {
    next: (prefix) => {
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = byte();
      return `${prefix}_${encode(bytes, 16)}`;
    },
  };
}
