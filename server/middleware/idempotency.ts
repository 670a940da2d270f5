import type { MiddlewareHandler } from "hono";
import { canonicalJson, sha256Hex } from "../../entities/crypto.js";
import type { Core } from "../../tools/core.js";
import { storeFor } from "../../tools/door.js";
import { HttpError } from "../http/errors.js";
import { idempotencyRecords } from "../idempotency/records.js";
import type { AppEnv } from "../types.js";

const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyOptions {
  core: Core;
  ttlSeconds: number;
}

function fingerprint(method: string, path: string, raw: string): string {
  let body = raw;
  try {
    body = canonicalJson(JSON.parse(raw));
  } catch {
    // Compared as sent.
  }
  return sha256Hex(`${method} ${path}\n${body}`);
}

/**
 * `Idempotency-Key` on a POST: the first answer is kept (24 h) and replayed for the same key and
 * body; another body under the key is 422; while the first still runs, 409. The key also goes to
 * the tool door (`c.var.idempotency`), whose own record keeps a retry after a crash from acting
 * twice. Answers of 500 and above are not kept. Values shown once (a new API key) are kept only
 * in the form the route puts in `c.var.replayBody`.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  return async function idempotency(c, next) {
    const key = c.req.header("idempotency-key");
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      throw new HttpError("VALIDATION", "Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID", { field: "Idempotency-Key" });
    }
    const principal = c.get("principal");
    const scope = `http:${principal.kind}:${principal.credentialId}`;
    const records = idempotencyRecords(storeFor(options.core, principal.workspaceId), { ttlMs: options.ttlSeconds * 1000 });
    const url = new URL(c.req.url);
    const claim = await records.claim(scope, key, fingerprint(c.req.method, url.pathname + url.search, c.get("rawBody") ?? ""));
    switch (claim.kind) {
      case "mismatch":
        throw new HttpError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different request; use a new key for a new request", {
          field: "Idempotency-Key",
        });
      case "running":
        throw new HttpError("CONFLICT", "A request with this Idempotency-Key is still being processed; retry once it has finished", { field: "Idempotency-Key" });
      case "replay":
        return c.body(claim.response.body, claim.response.status as 200, { "content-type": claim.response.content_type, "idempotent-replayed": "true" });
    }
    c.set("idempotency", { key: `${scope}:${key}`, expiresAt: claim.expiresAt });
    try {
      await next();
    } catch (e) {
      await records.release(claim.id);
      throw e;
    }
    const res = c.res;
    if (res.status >= 500) {
      await records.release(claim.id);
      return;
    }
    const replay = c.get("replayBody");
    const body = replay !== undefined ? JSON.stringify(replay) : await res.clone().text();
    await records.complete(claim.id, { status: res.status, content_type: res.headers.get("content-type") ?? "application/json", body });
  };
}
