import { serve, type ServerType } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemo } from "../cli/seed.js";
import { openDb } from "../entities/db.js";
import { createRuntime } from "../graph/runtime.js";
import { callTool, storeFor } from "../tools/door.js";
import { createApp } from "../server/app.js";
import { silentLog } from "../server/types.js";
import { median, type BenchRow } from "./measure.js";

const KEY = `1:${Buffer.alloc(32, 11).toString("base64")}`;

async function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Requests per second of `GET /api/get-status` with an API key (verified and counted, rate
 * limited in the database, the tool door with its audit row) against Hono's bare hello-world
 * route on the same server library, measured alternately in one run by autocannon (its load
 * in a worker thread, the servers on this one).
 */
export async function benchHttp(options: { seconds?: number; rounds?: number; connections?: number } = {}): Promise<BenchRow[]> {
  const seconds = options.seconds ?? 4;
  const rounds = options.rounds ?? 2;
  const connections = options.connections ?? 10;
  const dir = mkdtempSync(join(tmpdir(), "ff-bench-http-"));
  const db = await openDb({ file: join(dir, "bench.db") });
  try {
    await seedDemo(db, { secretKey: KEY });
    const runtime = await createRuntime({ db, secretKey: KEY, provider: "local" });
    const admin = await storeFor(runtime.core, "ws_default").require("User", "usr_admin");
    const made = await callTool(runtime.core, "create_api_key", { name: "bench", permissions: ["read_runs"] }, { workspaceId: "ws_default", actor: { id: admin.id, role: admin.role, email: admin.email, full_name: admin.full_name } });
    const key = (made.status === "ok" ? (made.output as { plaintext_key: string }).plaintext_key : "") as string;
    // Rate limited for real (a bucket taken per request), with room for the whole run.
    const ours = await listen(createApp({ runtime, options: { log: silentLog, rateLimit: { capacity: 1e9, windowSeconds: 3600 } } }).fetch);
    const hello = new Hono().get("/", (c) => c.text("Hello World!"));
    const bare = await listen(hello.fetch);

    const measure = async (url: string, headers: Record<string, string> = {}) => {
      const r = await autocannon({ url, connections, duration: seconds, workers: 1, headers });
      if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors during the bench`);
      return r.requests.total / seconds;
    };
    const status = `${ours.url}/api/get-status?run_id=run_1234`;
    await measure(status, { "x-api-key": key });
    await measure(bare.url);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
      b.push(await measure(bare.url));
      a.push(await measure(status, { "x-api-key": key }));
    }
    await ours.close();
    await bare.close();
    await runtime.close();
    const oursRps = median(a);
    const bareRps = median(b);
    return [
      {
        name: "GET /api/get-status (API key, rate limited)",
        value: oursRps,
        unit: "req/s",
        baseline: { name: "bare Hono hello-world", value: bareRps },
        ratio: oursRps / bareRps,
        goal: "≥ 0.5×",
      },
    ];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
