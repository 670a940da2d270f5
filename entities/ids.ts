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

function randomBits35(): number {
  if (offset + 5 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const b = pool;
  const o = offset;
  offset += 5;
  // 40 random bits, the top 35 kept (a JS number holds them exactly).
  return Math.floor((b[o]! * 2 ** 32 + b[o + 1]! * 2 ** 24 + b[o + 2]! * 2 ** 16 + b[o + 3]! * 2 ** 8 + b[o + 4]!) / 32);
}

function base32(n: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

const RANDOM_SPACE = 2 ** 35;
let lastMs = 0;
let lastRandom = 0;

/**
 * Ids in creation order: 9 characters of milliseconds since 1970 (until the year 3085), then 7
 * of 35 random bits, so that a new row's id lands at the end of its table's id index instead of
 * on a random page of it (an insert into a large table wrote a whole index page to the WAL for
 * each row). Within this process they only ever increase: in the same millisecond the random
 * part is one more than the last. Across processes, two ids of the same millisecond collide with
 * a chance of 1 in 34 billion (and the unique key would refuse the second).
 */
export const randomIds: IdGenerator = {
  next: (prefix) => {
    let ms = Math.max(Date.now(), lastMs);
    let random = randomBits35();
    if (ms === lastMs && random <= lastRandom) random = lastRandom + 1;
    if (random >= RANDOM_SPACE) {
      ms += 1;
      random = randomBits35();
    }
    lastMs = ms;
    lastRandom = random;
    return `${prefix}_${base32(ms, 9)}${base32(random, 7)}`;
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
