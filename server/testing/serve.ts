import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD, seedDemo } from "../../cli/seed.js";
import type { Clock } from "../../entities/clock.js";
import type { Db } from "../../entities/db.js";
import { openTestDb, testDatabaseUrl } from "../../entities/scratch.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import { createRuntime } from "../../graph/runtime.js";
import type { Runtime } from "../../graph/types.js";
import { callTool, storeFor } from "../../tools/door.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import { createApp } from "../app.js";
import { silentLog, type AppDeps, type ServerOptions } from "../types.js";

export interface TestServer {
  url: string;
  db: Db;
  runtime: Runtime;
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Signs in over HTTP and answers the access token. */
  signIn(email?: string, password?: string): Promise<string>;
  /** A new API key made through the door as `usr_admin`; answers the plaintext. */
  makeKey(name: string, permissions: string[], options?: { pipelines?: string[]; expires_in_days?: number }): Promise<string>;
  /** A second server on the same database (its own runtime, hub and rate limiter): another process, as far as the app can tell. */
  sibling(): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

async function listen(app: { fetch: (r: Request) => Response | Promise<Response> }): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      (server as import("node:http").Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Cheap password hashing for tests: the same code path, a small scrypt cost. */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

/**
 * The app served on an ephemeral port of 127.0.0.1 over the demo data (`flashfusion seed`) in a
 * temporary SQLite file, with the local provider: what `npm start` serves, for tests.
 */
export async function startTestServer(
  options: {
    seed?: boolean;
    clock?: Clock;
    server?: Partial<ServerOptions>;
    deps?: Partial<Omit<AppDeps, "runtime" | "options">>;
    /** Wraps the runtime the app talks to (to hold a turn at a chosen point, say). */
    wrapRuntime?: (runtime: Runtime) => Runtime;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "ff-server-"));
  // PostgreSQL: a scratch database, dropped on close (a file's database would outlive the test).
  const db = testDatabaseUrl() ? await openTestDb() : await openTestDb({ file: join(dir, "flashfusion.db") });
  if (options.seed !== false) await seedDemo(db, { secretKey: TEST_SECRET_KEY, clock: options.clock });
  else await ensureWorkspace(db.kysely, "ws_default");
  const runtime = await createRuntime({ db, secretKey: TEST_SECRET_KEY, provider: "local", clock: options.clock });
  const serverOptions = { log: silentLog, passwordCost: TEST_PASSWORD_COST, ...options.server };
  const app = createApp({ runtime: options.wrapRuntime?.(runtime) ?? runtime, options: serverOptions, ...options.deps });
  const { url, close } = await listen(app);
  const siblings: (() => Promise<void>)[] = [];
  const fetchIt = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(`${url}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? "POST" } : {}) });
  };
  return {
    url,
    db,
    runtime,
    fetch: fetchIt,
    async signIn(email = "admin@acme.example", password = DEMO_PASSWORD) {
      const r = await fetchIt("/api/v1/auth/login", { json: { email, password } });
      if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { access_token: string }).access_token;
    },
    async makeKey(name, permissions, extra = {}) {
      const admin = await storeFor(runtime.core, "ws_default").require("User", "usr_admin");
      const made = await callTool(runtime.core, "create_api_key", { name, permissions, ...extra }, { workspaceId: "ws_default", actor: { id: admin.id, role: admin.role, email: admin.email, full_name: admin.full_name } });
      if (made.status !== "ok") throw new Error("expected a key");
      return (made.output as { plaintext_key: string }).plaintext_key;
    },
    async sibling() {
      const other = await createRuntime({ db, secretKey: TEST_SECRET_KEY, provider: "local", clock: options.clock });
      const served = await listen(createApp({ runtime: other, options: serverOptions }));
      const stop = async () => {
        await served.close();
        await other.close();
      };
      siblings.push(stop);
      return { url: served.url, close: stop };
    },
    async close() {
      for (const stop of siblings) await stop();
      await close();
      await runtime.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
