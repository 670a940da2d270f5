import { timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { APIKey, type ApiKeyPermission } from "../../../entities/catalog/security.js";
import { systemClock, type Clock } from "../../../entities/clock.js";
import type { Db } from "../../../entities/db.js";
import { decodeRow, type EntityDef } from "../../../entities/define.js";
import type { Entities } from "../../../entities/index.js";
import { Store } from "../../../entities/store.js";
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

interface KeyRow {
  id: string;
  workspace_id: string;
  key_hash: string;
  revoked_at: string | null;
  expires_at: string | null;
}

function sameHash(storedHex: string, presented: Buffer): boolean {
  const stored = Buffer.from(storedHex, "hex");
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

/**
 * Checks a presented API key: its shape and checksum first (no database work for junk), then
 * the stored SHA-256 by lookup and a constant-time comparison. A revoked or expired key does not
 * verify. A key that verifies has its use counted (usage_count + 1, last_used) in one statement.
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
  let query = db
    .selectFrom(APIKey.table)
    .select(["id", "workspace_id", "key_hash", "revoked_at", "expires_at"])
    .where("key_hash", "=", presented.toString("hex"));
  if (scoped) query = query.where("workspace_id", "=", target.workspaceId);
  const row = (await query.executeTakeFirst()) as KeyRow | undefined;
  if (!row || !sameHash(row.key_hash, presented)) return { ok: false, reason: "unknown" };
  const now = clock.now();
  if (row.revoked_at) return { ok: false, reason: "revoked" };
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: "expired" };
  const used = await db
    .updateTable(APIKey.table)
    .set({ usage_count: sql`usage_count + 1`, last_used: now.toISOString() })
    .where("id", "=", row.id)
    .where("workspace_id", "=", row.workspace_id)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
  // Revoked between the read and the count.
  if (!used) return { ok: false, reason: "revoked" };
  const key = decodeRow(APIKey as unknown as EntityDef, used as Record<string, unknown>) as unknown as Entities["APIKey"];
  return {
    ok: true,
    key: {
      id: key.id,
      workspace_id: key.workspace_id,
      name: key.name,
      permissions: key.permissions,
      pipeline_ids: key.pipeline_ids,
      expires_at: key.expires_at,
      usage_count: key.usage_count,
      created_by: key.created_by,
    },
  };
}
