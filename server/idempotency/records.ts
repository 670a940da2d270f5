import type { Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";

/** An answer as it is kept for replay. */
export interface StoredResponse {
  status: number;
  content_type: string;
  body: string;
}

export type Claim =
  | { kind: "new"; id: string; expiresAt: string }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "mismatch" }
  | { kind: "running" };

const isUnique = (e: unknown) => e instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(e.message);

/** A request still marked running after this long was cut short by a crash: it may be claimed again. */
const ABANDONED_MS = 10 * 60_000;

/**
 * HTTP idempotency records (IdempotencyRecord rows, scope `http:<credential>`): the request is
 * recorded *before* it runs, under the table's unique (workspace, scope, key), so of two servers
 * receiving the same key at once only one runs it; the other sees it running (409).
 */
export function idempotencyRecords(store: Store, options: { ttlMs: number }) {
  async function claim(scope: string, key: string, hash: string, retried = false): Promise<Claim> {
    const now = store.clock.now().getTime();
    try {
      const expiresAt = new Date(now + options.ttlMs).toISOString();
      const row = await store.insert("IdempotencyRecord", { scope, key, request_hash: hash, status: "running", expires_at: expiresAt });
      return { kind: "new", id: row.id, expiresAt };
    } catch (e) {
      if (!isUnique(e)) throw e;
    }
    const existing = await store.findOne("IdempotencyRecord", { scope, key });
    if (!existing) {
      if (retried) throw new Error("idempotency record vanished twice while claiming");
      return claim(scope, key, hash, true);
    }
    if (!retried && isStale(existing, now)) {
      await store.db.deleteFrom("idempotency_records").where("workspace_id", "=", store.workspaceId).where("id", "=", existing.id).where("updated_at", "=", existing.updated_at).execute();
      return claim(scope, key, hash, true);
    }
    if (existing.request_hash !== hash) return { kind: "mismatch" };
    if (existing.status === "completed") return { kind: "replay", response: existing.response as StoredResponse };
    return { kind: "running" };
  }

  function isStale(r: Entities["IdempotencyRecord"], now: number): boolean {
    if (r.expires_at && Date.parse(r.expires_at) <= now) return true;
    return r.status !== "completed" && Date.parse(r.updated_at) + ABANDONED_MS <= now;
  }

  return {
    claim,
    async complete(id: string, response: StoredResponse): Promise<void> {
      await store.update("IdempotencyRecord", id, { status: "completed", response });
    },
    /** A request that failed on the server's side is not kept: the same key may try again. */
    async release(id: string): Promise<void> {
      await store.delete("IdempotencyRecord", id);
    },
  };
}
