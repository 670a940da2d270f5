import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../entities/config.js";
import { openDb } from "../entities/db.js";
import { createRuntime } from "../graph/runtime.js";
import { runDailyRollup } from "../tools/analytics/index.js";
import { createApp } from "./app.js";
import { DEFAULT_OPTIONS, type ServerOptions } from "./types.js";

type Env = Record<string, string | undefined>;

export interface StartOptions {
  host?: string;
  port?: number;
  /** The SQLite file (default: the configured one). */
  file?: string;
  provider?: string;
  options?: Partial<ServerOptions>;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `FLASHFUSION_RATE_LIMIT=1000/3600` (requests per seconds) and `FLASHFUSION_MCP_ORIGINS=https://a,https://b`. */
export function optionsFromEnv(env: Env): Partial<ServerOptions> {
  const out: Partial<ServerOptions> = {};
  const limit = env.FLASHFUSION_RATE_LIMIT?.trim();
  if (limit) {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(limit);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new Error(`FLASHFUSION_RATE_LIMIT must look like 1000/3600 (requests per seconds), not ${limit}`);
    out.rateLimit = { capacity: Number(m[1]), windowSeconds: Number(m[2]) };
  }
  const origins = env.FLASHFUSION_MCP_ORIGINS?.split(",").map((o) => o.trim()).filter(Boolean);
  if (origins?.length) out.mcpAllowedOrigins = origins;
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Opens the configured database and the runtime, and serves the app on HOST:PORT (default
 * 127.0.0.1:3000; PORT 0 picks a free port). Yesterday's analytics rollup runs at start and
 * then daily. `close()` stops listening, lets running work finish, and closes the database.
 */
export async function startServer(start: StartOptions = {}, env: Env = process.env): Promise<RunningServer> {
  const config = loadConfig(env);
  if (config.databaseUrl) throw new Error("DATABASE_URL (PostgreSQL) is not supported yet; unset it to use SQLite");
  const options = { ...optionsFromEnv(env), ...start.options };
  const db = await openDb({ file: start.file ?? config.dbFile });
  const runtime = await createRuntime({ db, secretKey: config.secretKey, provider: start.provider ?? env.FLASHFUSION_PROVIDER });
  const app = createApp({ runtime, options });
  const host = start.host ?? env.HOST ?? "127.0.0.1";
  const port = start.port ?? (env.PORT ? Number(env.PORT) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0–65535), not ${port}`);

  const log = options.log ?? DEFAULT_OPTIONS.log;
  const rollup = () =>
    runDailyRollup({ db: db.kysely, cipher: runtime.core.cipher, clock: runtime.core.clock, ids: runtime.core.ids }).catch((e: unknown) =>
      log.error(`[flashfusion] daily rollup failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  void rollup();
  const timer = setInterval(() => void rollup(), DAY_MS);
  timer.unref();

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await db.close();
    },
  };
}
