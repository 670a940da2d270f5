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
 * verify. A key that verifies is found and has its use counted (usage_count + 1, last_used) in
 * one statement; only a key that fails is looked up again, to say why.
 *
 * With a Store the key must belong to that workspace; with a Db any workspace's key is found
 * (the HTTP server learns the workspace from the key).
 */
export async function verifyApiKey(target: Store | Db, plaintext: string, options: { clock?: Clock } = {}): Promise<KeyVerification> {
  if (!isWellFormedApiKey(plaintext)) return { ok: false, reason: "malformed" };
  const presented = Buffer.from(hashApiKey(plaintext), "hex");
  const hash = presented.toString("hex");
  const scoped = target instanceof Store;
  const db = scoped ? target.db : target.kysely;
  const clock = options.clock ?? (scoped ? target.clock : systemClock);
  const now = clock.now().toISOString();
  // The usual case in one statement: a live key is found and its use counted together, so a
  // revocation or expiry can never slip in between a check and the count.
  let count = db
    .updateTable(APIKey.table)
    .set({ usage_count: sql`usage_count + 1`, last_used: now })
    .where("key_hash", "=", hash)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]));
  if (scoped) count = count.where("workspace_id", "=", target.workspaceId);
  const used = (await count.returningAll().executeTakeFirst()) as (KeyRow & Record<string, unknown>) | undefined;
  if (!used || !sameHash(used.key_hash, presented)) return { ok: false, reason: await whyNot(db, hash, scoped ? target.workspaceId : undefined) };
  const key = decodeRow(APIKey as unknown as EntityDef, used) as unknown as Entities["APIKey"];
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

/** Why a key did not verify: it is not ours, or it was revoked, or it has expired. */
async function whyNot(db: Store["db"], hash: string, workspaceId: string | undefined): Promise<KeyRejection> {
  let query = db.selectFrom(APIKey.table).select(["revoked_at", "expires_at"]).where("key_hash", "=", hash);
  if (workspaceId) query = query.where("workspace_id", "=", workspaceId);
  const row = (await query.executeTakeFirst()) as Pick<KeyRow, "revoked_at" | "expires_at"> | undefined;
  if (!row) return "unknown";
  return row.revoked_at ? "revoked" : "expired";
}
