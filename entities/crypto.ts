import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * The one AES-256-GCM helper behind every encrypted field. A value is bound to its row through
 * the associated data (workspace, entity, row id, field), so a ciphertext copied into another
 * row or workspace does not decrypt. Ciphertexts carry the key version, so old keys can stay in
 * the ring while new writes use the current one.
 *
 * Format: `ffenc:v<keyVersion>:<iv b64url>:<ciphertext b64url>:<tag b64url>`.
 */
export interface Cipher {
  encrypt(plaintext: string, binding: Binding): string;
  decrypt(ciphertext: string, binding: Binding): string;
  /** A key for another purpose (token signing, webhook ids…), derived with HKDF so every process agrees. */
  derive(purpose: string, length?: number): Buffer;
  readonly currentVersion: number;
}

export interface Binding {
  workspace_id: string;
  entity: string;
  id: string;
  field: string;
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

function parseKeyRing(text: string): Map<number, Buffer> {
  const ring = new Map<number, Buffer>();
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  parts.forEach((part, index) => {
    const m = /^(\d+):(.+)$/.exec(part);
    const version = m ? Number(m[1]) : parts.length - index;
    const material = m ? m[2]! : part;
    const key = /^[0-9a-f]{64}$/i.test(material) ? Buffer.from(material, "hex") : Buffer.from(material, "base64");
    if (key.length !== 32) {
      throw new Error(
        "FLASHFUSION_SECRET_KEY must hold 32-byte keys (base64 or 64 hex characters), optionally as `version:key` pairs separated by commas, current first",
      );
    }
    ring.set(version, key);
  });
  if (ring.size === 0) throw new Error("FLASHFUSION_SECRET_KEY is empty");
  return ring;
}

function aad(b: Binding): Buffer {
  return Buffer.from(`${b.workspace_id}\u0000${b.entity}\u0000${b.id}\u0000${b.field}`, "utf8");
}

export function createCipher(keyRingText: string): Cipher {
  const ring = parseKeyRing(keyRingText);
  const currentVersion = [...ring.keys()][0]!;
  const current = ring.get(currentVersion)!;
  return {
    currentVersion,
    encrypt(plaintext, binding) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      cipher.setAAD(aad(binding));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `ffenc:v${currentVersion}:${iv.toString("base64url")}:${body.toString("base64url")}:${tag.toString("base64url")}`;
    },
    decrypt(ciphertext, binding) {
      const m = /^ffenc:v(\d+):([^:]+):([^:]*):([^:]+)$/.exec(ciphertext);
      if (!m) throw new DecryptionError("not a FlashFusion ciphertext");
      const key = ring.get(Number(m[1]));
      if (!key) throw new DecryptionError(`no key of version ${m[1]} in the key ring`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(m[2]!, "base64url"));
        decipher.setAAD(aad(binding));
        decipher.setAuthTag(Buffer.from(m[4]!, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(m[3]!, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new DecryptionError("the value does not decrypt with this key for this row");
      }
    },
    derive(purpose, length = 32) {
      return Buffer.from(hkdfSync("sha256", current, Buffer.alloc(0), `flashfusion:${purpose}`, length));
    },
  };
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** JSON with sorted keys: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
