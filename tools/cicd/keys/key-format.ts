import { createHash, randomInt } from "node:crypto";

/**
 * API keys look like `ffai_` + 30 random base62 characters (178 bits) + a 6-character CRC-32
 * checksum of those, in base62 — like GitHub's tokens, so a scanner can tell a real FlashFusion
 * key from text that only starts with ffai_, without asking any server.
 */
export const KEY_PREFIX = "ffai_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 30;
const CHECKSUM_CHARS = 6;
export const KEY_LENGTH = KEY_PREFIX.length + RANDOM_CHARS + CHECKSUM_CHARS;
const SHAPE = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);
/** Where keys may appear in text (logs, repositories): for leak scanners. */
export const KEY_PATTERN = new RegExp(`\\b${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}\\b`, "g");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = "";
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = ALPHABET[v % 62] + out;
  return out.padStart(width, "0");
}

const checksumOf = (body: string) => base62(crc32(body), CHECKSUM_CHARS);

/** A new key; each character drawn uniformly (crypto.randomInt rejects biased draws). */
export function generateApiKey(): string {
  let body = "";
  for (let i = 0; i < RANDOM_CHARS; i++) body += ALPHABET[randomInt(62)];
  return `${KEY_PREFIX}${body}${checksumOf(body)}`;
}

/** Whether text is a FlashFusion key: the prefix, the length, the alphabet and a matching checksum. */
export function isWellFormedApiKey(text: string): boolean {
  if (!SHAPE.test(text)) return false;
  const body = text.slice(KEY_PREFIX.length, KEY_PREFIX.length + RANDOM_CHARS);
  return text.slice(-CHECKSUM_CHARS) === checksumOf(body);
}

/** What is stored: the SHA-256 of the whole key, hex. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** What may be shown later: "ffai_...x7Qz". */
export function keyPreview(key: string): string {
  return `${KEY_PREFIX}...${key.slice(-4)}`;
}
