import { canonicalJson, sha256Hex } from "../../../entities/crypto.js";
import type { Store } from "../../../entities/store.js";
import { conflict } from "../../errors.js";
import type { Execution, WorkflowType } from "./types.js";

/** The hash that tells "the same request" from "another request under the same key". */
export function requestHash(type: WorkflowType, request: Record<string, unknown>): string {
  return sha256Hex(`${type}\u0000${canonicalJson(request)}`);
}

/**
 * The execution already started under `key`, when there is one. The same request answers it
 * (its first result, whatever happened since); another request under the same key, or one
 * still running, is a conflict.
 */
export async function findByKey(store: Store, key: string, hash: string): Promise<Execution | undefined> {
  const existing = await store.findOne("WorkflowExecution", { idempotency_key: key });
  if (!existing) return undefined;
  if (existing.input_hash !== hash) {
    throw conflict(
      `The idempotency key ${key} was already used for a different request (workflow ${existing.id}); send a new key with a new request`,
      { field: "idempotency_key", execution_id: existing.id },
    );
  }
  if (existing.status === "running") {
    throw conflict(`The request with idempotency key ${key} is still being processed (workflow ${existing.id}); ask again in a moment`, {
      field: "idempotency_key",
      execution_id: existing.id,
    });
  }
  return existing;
}

export { isUniqueViolation } from "../../../entities/sql.js";
