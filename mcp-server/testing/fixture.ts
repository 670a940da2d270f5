import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { seedDemo } from "../../cli/seed.js";
import { openDb, type Db } from "../../entities/db.js";
import { createRuntime } from "../../graph/runtime.js";
import type { Runtime } from "../../graph/types.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import type { McpLog } from "../log.js";
import { principalFor, type McpPrincipal } from "../principal.js";
import { createServer, type CreateServerOptions } from "../server.js";

export interface Seeded {
  db: Db;
  runtime: Runtime;
  admin: McpPrincipal;
  dir: string;
  close(): Promise<void>;
}

/** The demo data (`flashfusion seed`) in a temporary SQLite file, with the runtime on it. */
export async function openSeeded(): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), "ff-mcp-"));
  const db = await openDb({ file: join(dir, "flashfusion.db") });
  await seedDemo(db, { secretKey: TEST_SECRET_KEY });
  const runtime = await createRuntime({ db, secretKey: TEST_SECRET_KEY, provider: "local" });
  const admin = await principalFor(runtime.core, "ws_default");
  return {
    db,
    runtime,
    admin,
    dir,
    async close() {
      await runtime.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every line the server logs, to check that no secret reaches a log. */
export function memoryLog(): McpLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), error: (l) => lines.push(l) };
}

/** An SDK client connected in memory to a server built for `principal`. */
export async function connect(seeded: Seeded, options: Partial<CreateServerOptions> = {}): Promise<{ client: Client; close(): Promise<void> }> {
  const { server, cleanup } = createServer({ runtime: seeded.runtime, principal: seeded.admin, ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "flashfusion-test", version: "1.0.0" });
  await client.connect(clientSide);
  return {
    client,
    async close() {
      await client.close();
      await cleanup();
    },
  };
}

/** The text blocks of a tool result, joined (the SDK's result type is a union; tests read the text). */
export function resultText(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? "").join("\n");
}
