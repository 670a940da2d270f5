import { timingSafeEqual } from "node:crypto";
import { APIKey, type ApiKeyPermission } from "../../../entities/catalog/security.js";
import { systemClock, type Clock } from "../../../entities/clock.js";
import { runShape } from "../../../entities/compiled.js";
import type { Db } from "../../../entities/db.js";
import { decodeRow, type EntityDef } from "../../../entities/define.js";
import type { Entities } from "../../../entities/index.js";
import { Store, type Executor } from "../../../entities/store.js";
import { countKeyUse } from "./key-uses.js";
import { hashApiKey, isWellFormedApiKey } from "./key-format.js";

export type KeyRejection = "malformed" | "unknown" | "revoked" | "expired";

export interface VerifiedKey {
  id: string;
  workspace_id: string;
  name: string;
  permissions: ApiKeyPermission[];
  pipeline_ids: string[];
  expires_at: string | null;
  usage_count: number;
  /** The User who created it: the key acts as that user. */
  created_by: string | null;
}

export type KeyVerification = { ok: true; key: VerifiedKey } | { ok: false; reason: KeyRejection };

function sameHash(storedHex: string, presented: Buffer): boolean {
  const stored = Buffer.from(storedHex, "hex");
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

/** The key with this hash, of this workspace when one is named: one indexed lookup, compiled once. */
async function keyByHash(db: Executor, hash: string, workspaceId: string | undefined): Promise<Entities["APIKey"] | undefined> {
  const values = workspaceId ? [hash, workspaceId] : [hash];
  const { rows } = await runShape(db, `api-key-by-hash:${workspaceId ? "scoped" : "any"}`, values, (slot) => {
    const q = db.selectFrom(APIKey.table).selectAll().where("key_hash", "=", slot(0));
    return workspaceId ? q.where("workspace_id", "=", slot(1)) : q;
  });
  return rows[0] ? (decodeRow(APIKey as unknown as EntityDef, rows[0]) as unknown as Entities["APIKey"]) : undefined;
}

/**
 * Checks a presented API key: its shape and checksum first (no database work for junk), then
 * the stored SHA-256 by lookup and a constant-time comparison. A revoked or expired key does not
 * verify. A key that verifies has its use counted (usage_count + 1, last_used): in memory, added
 * to its row within a second (key-uses.ts), so a request reads the key and writes nothing.
 *
 * With a Store the key must belong to that workspace; with a Db any workspace's key is found
 * (the HTTP server learns the workspace from the key).
 */
export async function verifyApiKey(target: Store | Db, plaintext: string, options: { clock?: Clock } = {}): Promise<KeyVerification> {
  if (!isWellFormedApiKey(plaintext)) return { ok: false, reason: "malformed" };
  const presented = Buffer.from(hashApiKey(plaintext), "hex");
  const scoped = target instanceof Store;
  const db = scoped ? target.db : target.kysely;
  const clock = options.clock ?? (scoped ? target.clock : systemClock);
  const now = clock.now().toISOString();
  const key = await keyByHash(db, presented.toString("hex"), scoped ? target.workspaceId : undefined);
  if (!key || !sameHash(key.key_hash, presented)) return { ok: false, reason: "unknown" };
  if (key.revoked_at) return { ok: false, reason: "revoked" };
  if (key.expires_at && key.expires_at <= now) return { ok: false, reason: "expired" };
  const uncounted = await countKeyUse(db, key.id, now);
  return {
    ok: true,
    key: {
      id: key.id,
      workspace_id: key.workspace_id,
      name: key.name,
      permissions: key.permissions,
      pipeline_ids: key.pipeline_ids,
      expires_at: key.expires_at,
      usage_count: key.usage_count + uncounted,
      created_by: key.created_by,
    },
  };
}
