import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prng } from "../cli/seed.js";
import { tableNames } from "../entities/scratch.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
let key: string;
let token: string;
let paths: { method: string; path: string }[];

beforeAll(async () => {
  s = await startTestServer();
  key = await s.makeKey("fuzz", ["trigger_pipeline", "read_runs", "read_config", "webhook", "chat", "tools"]);
  token = await s.signIn();
  const doc = (await (await s.fetch("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  paths = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
});
afterAll(() => s.close());

/**
 * Every table as text, minus what any authenticated request updates (rate buckets, key usage)
 * and the audit trail, which records every use of a credential (checked apart).
 */
async function state(): Promise<string> {
  const tables = (await tableNames(s.db)).filter((name) => name !== "rate_limit_buckets" && name !== "audit_logs");
  let out = "";
  for (const name of tables) {
    const rows = (await sql`select * from ${sql.table(name)} order by 1`.execute(s.db.kysely)).rows as Record<string, unknown>[];
    if (name === "api_keys") for (const r of rows) (delete r.usage_count, delete r.last_used, delete r.updated_at);
    out += `${name}:${JSON.stringify(rows)}\n`;
  }
  return out;
}

describe("1,000 random malformed requests", () => {
  it("answer no 500 and write nothing", async () => {
    const seed = 20260310;
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const junkString = () => pick(["", " ", "\u0000", "'; drop table users; --", "../../etc/passwd", "%00", "\uD800", "🦄".repeat(50), "x".repeat(5000), "{{7*7}}", "<script>alert(1)</script>", "ffai_" + "A".repeat(36), "run_1234\r\nx-injected: 1"]);
    const junkValue = (depth = 0): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return pick([null, true, false, 0, -1, 1e308, -0.5, Number.MAX_SAFE_INTEGER + 2, junkString()]);
      if (r < 0.55) return Array.from({ length: Math.floor(rand() * 4) }, () => junkValue(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(rand() * 4); i++) o[pick(["__proto__", "constructor", "pipeline", "name", "x", "Pipeline_ID", "permissions", junkString()])] = junkValue(depth + 1);
      return o;
    };
    const brokenJson = () => pick(['{"pipeline_id":', "{'a': 1}", "[1,2", '{"a":1}}', "nul", '"\\u12"', "{\"a\":\"\u0000", "\xff\xfe\x00", "{".repeat(2000) + "}".repeat(2000)]);
    const credential = (): Record<string, string> =>
      pick<Record<string, string>>([
        {},
        { "x-api-key": key },
        { authorization: `Bearer ${token}` },
        { "x-api-key": pick(["", "nope", "ffai_", "ffai_" + "A".repeat(36), "' or 1=1 --", "x".repeat(5000), key.toLowerCase(), `${key} ${key}`]) },
        { authorization: pick(["Basic YWRtaW46YWRtaW4=", "Bearer", `Bearer ${token}x`, `Bearer ${key.slice(0, -1)}Z`, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c3JfYWRtaW4iLCJ3aWQiOiJ3c19kZWZhdWx0In0.", "Bearer ffwt_nope", "Bearer ffrt_nope"]) },
      ]);

    const requests = Array.from({ length: 1000 }, (_, i) => {
      const route = pick(paths);
      const kind = rand();
      const headers: Record<string, string> = { ...credential() };
      let method = route.method;
      const segment = () => {
        try {
          return encodeURIComponent(junkString()) || "x";
        } catch {
          return "%ED%A0%80"; // a lone surrogate, percent-encoded: not UTF-8
        }
      };
      let path = route.path.replace(/\{(\w+)\}/g, segment);
      let body: string | undefined;
      if (kind < 0.25) {
        body = brokenJson();
        headers["content-type"] = "application/json";
      } else if (kind < 0.55) {
        // Well-formed JSON of the wrong shape: random keys and values, never the fields a route needs together.
        body = JSON.stringify(junkValue());
        headers["content-type"] = pick(["application/json", "application/json; charset=utf-8"]);
      } else if (kind < 0.65) {
        body = pick(["a=1&b=2", "<xml/>", junkString()]);
        headers["content-type"] = pick(["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"]);
      } else if (kind < 0.75) {
        path = `${path}?${pick(["run_id=", "pipeline_id=%00", "run_id=' or 1=1 --", "page=-1&size=100000", "state=everything", "status=__proto__", "run_id[]=1&run_id[]=2"])}`;
      } else if (kind < 0.85) {
        method = pick(["PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "GET"]);
        if (method === "TRACE") method = "OPTIONS";
      } else if (kind < 0.92) {
        path = pick(["/api/../etc/passwd", "/api/trigger-pipeline/..%2f..%2f", "/%2e%2e/", "/api//get-status", "/API/GET-STATUS", `/api/v1/threads/${"a".repeat(3000)}`]);
      } else {
        headers["idempotency-key"] = pick(["", " ", "x".repeat(300), "a\tb", "%00"]);
        body = JSON.stringify(junkValue());
        headers["content-type"] = "application/json";
      }
      if (method === "GET" || method === "OPTIONS") body = undefined;
      if (body !== undefined && method !== "POST" && method !== "PUT" && method !== "PATCH") method = "POST";
      return { i, method, path, headers, body };
    });

    const before = await state();
    const auditedBefore = new Set((await s.db.kysely.selectFrom("audit_logs").select("id").execute()).map((r) => r.id));
    const failures: string[] = [];
    let next = 0;
    let unsendable = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        let res: Response;
        try {
          res = await fetch(`${s.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
        } catch (e) {
          // Headers the fetch client itself refuses (control characters) never reach the server.
          if (e instanceof TypeError && /ByteString|header/i.test(`${e.message} ${String((e as Error & { cause?: unknown }).cause ?? "")}`)) {
            unsendable++;
            continue;
          }
          throw e;
        }
        const text = await res.text();
        if (res.status >= 500) failures.push(`#${r.i} ${r.method} ${r.path.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`);
        else if (res.status < 400 && r.method !== "OPTIONS" && !(r.method === "GET" && /^\/(docs|openapi\.json|healthz)?$/.test(r.path))) {
          // A malformed request may be answered 2xx only where nothing could be written (a read).
          if (r.method !== "GET") failures.push(`#${r.i} ${r.method} ${r.path} was accepted: ${res.status} ${text.slice(0, 200)}`);
        }
        if (res.status >= 400 && res.headers.get("content-type")?.includes("application/json")) {
          const body = JSON.parse(text) as Record<string, unknown>;
          if (typeof body.error !== "string" || typeof body.message !== "string" || typeof body.request_id !== "string") {
            // /mcp answers JSON-RPC errors, /api/v1/ai/chat seed 004 §1.3's shape; every other endpoint the API's.
            const own = "jsonrpc" in body || (r.path.startsWith("/api/v1/ai/chat") && body.status === "error" && typeof (body.error as { code?: unknown })?.code === "string");
            if (!own) failures.push(`#${r.i} answered ${res.status} without the error shape: ${text.slice(0, 200)}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures, `seed ${seed}`).toEqual([]);
    expect(unsendable).toBe(0);
    expect(await state()).toBe(before);
    // The audit trail grew only by uses of credentials, refused or failed calls and reads, never by a change.
    await s.runtime.settle(10_000); // the audit rows of reads trail their requests
    const reads = new Set(s.runtime.core.registry.list().filter((t) => t.effect === "read").map((t) => t.name));
    const audited = (await s.db.kysely.selectFrom("audit_logs").selectAll().execute()).filter((r) => !auditedBefore.has(r.id));
    expect(audited.filter((r) => r.event_type !== "api_key_use" && r.status === "success" && !reads.has(String(r.action))).map((r) => `${r.event_type}:${r.action}`)).toEqual([]);
    expect((await s.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": key } })).status).toBe(200);
  });
});
