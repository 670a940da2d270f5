import { createCipher } from "../../entities/crypto.js";
import { openDb, type Db } from "../../entities/db.js";
import { randomIds } from "../../entities/ids.js";
import { Store } from "../../entities/store.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import type { Env } from "../config.js";
import { createLlmRouter, type LlmRouter, type LlmRouterOptions } from "../router.js";
import type { LlmStoreDeps } from "../store.js";
import { startAnthropicStandIn } from "./anthropic-server.js";
import type { StandIn } from "./http.js";
import { startOpenAIStandIn } from "./openai-server.js";

export const PLATFORM_OPENAI_KEY = "sk-platform-openai-0000000001";
export const PLATFORM_ANTHROPIC_KEY = "sk-ant-platform-000000000001";
const SECRET = `1:${Buffer.alloc(32, 9).toString("base64")}`;

/** Both stand-ins, an in-memory database with two workspaces, and routers wired to them with fast, recorded waits. */
export interface Testbed {
  db: Db;
  storeDeps: LlmStoreDeps;
  openai: StandIn;
  anthropic: StandIn;
  /** The environment a router reads: both platform keys, both stand-in endpoints. */
  env: Env;
  /** What the routers logged. */
  logs: string[];
  /** The waits the retry loop asked for, in ms. */
  waits: number[];
  /** A workspace's store with access to every entity, for arranging and inspecting. */
  store(workspaceId: string): Store;
  router(options?: LlmRouterOptions): LlmRouter;
  close(): Promise<void>;
}

export async function createTestbed(): Promise<Testbed> {
  const db = await openDb({ file: ":memory:" });
  await ensureWorkspace(db.kysely, "ws_a");
  await ensureWorkspace(db.kysely, "ws_b");
  // Business time that moves a millisecond per reading, so rows sort in the order they were written.
  let tick = Date.parse("2026-03-10T09:00:00Z");
  const clock = { now: () => new Date(tick++) };
  const storeDeps: LlmStoreDeps = { db: db.kysely, cipher: createCipher(SECRET), clock };
  const [openai, anthropic] = await Promise.all([startOpenAIStandIn(), startAnthropicStandIn()]);
  const env: Env = {
    OPENAI_API_KEY: PLATFORM_OPENAI_KEY,
    ANTHROPIC_API_KEY: PLATFORM_ANTHROPIC_KEY,
    OPENAI_BASE_URL: openai.url,
    ANTHROPIC_BASE_URL: anthropic.url,
  };
  const logs: string[] = [];
  const waits: number[] = [];
  return {
    db,
    storeDeps,
    openai,
    anthropic,
    env,
    logs,
    waits,
    store: (workspaceId) => new Store({ ...storeDeps, ids: randomIds }, workspaceId),
    router: (options = {}) =>
      createLlmRouter({
        env,
        store: storeDeps,
        logger: { warn: (message, fields) => logs.push(fields ? `${message} ${JSON.stringify(fields)}` : message) },
        sleep: async (ms) => void waits.push(ms),
        random: () => 0.5,
        now: () => Date.parse("2026-03-10T09:00:00Z"),
        ...options,
      }),
    async close() {
      await Promise.all([openai.close(), anthropic.close()]);
      await db.close();
    },
  };
}
