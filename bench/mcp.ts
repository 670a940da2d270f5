import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { seedDemo } from "../cli/seed.js";
import { openDb } from "../entities/db.js";
import { median, percentile, timeEach, type BenchRow } from "./measure.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const KEY = `1:${Buffer.alloc(32, 11).toString("base64")}`;

/** A client on a server started as its own process (both through the same tsx loader). */
async function connect(args: string[], env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "flashfusion-bench", version: "1.0.0" });
  const transport = new StdioClientTransport({ command: process.execPath, args: ["--import", "tsx", ...args], cwd: ROOT, env: { ...(process.env as Record<string, string>), ...env }, stderr: "ignore" });
  await client.connect(transport);
  return client;
}

async function latencies(client: Client, name: string, args: Record<string, unknown>, calls: number): Promise<number[]> {
  await timeEach(30, async () => void (await client.callTool({ name, arguments: args }))); // warm-up
  return timeEach(calls, async () => {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
  });
}

/**
 * Round trip of a read tool (`get_status` of a build, through the whole door: validation,
 * workspace store, audit row) over `flashfusion mcp` on stdio, against a minimal server built
 * with the same SDK and one echo tool, in the same run. Goal: p50 within 1.5×.
 */
export async function benchMcp(calls = 300): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "ff-bench-mcp-"));
  const file = join(dir, "flashfusion.db");
  const db = await openDb({ file });
  await seedDemo(db, { secretKey: KEY });
  await db.close();
  const ours = await connect(["bin/flashfusion.js", "mcp"], { FLASHFUSION_DB: file, FLASHFUSION_SECRET_KEY: KEY, FLASHFUSION_LOCAL_RUNNER: "off" });
  const echo = await connect(["bench/fixtures/echo-mcp-server.ts"], {});
  try {
    const base = await latencies(echo, "echo", { text: "build 1234" }, calls);
    const read = await latencies(ours, "get_status", { build_number: 1234 }, calls);
    const row = (name: string, p: (xs: number[]) => number): BenchRow => ({
      name,
      value: p(read),
      unit: "ms",
      baseline: { name: "SDK echo server", value: p(base) },
      ratio: p(read) / p(base),
      goal: "≤ 1.5×",
    });
    return [row("mcp stdio: get_status round trip p50", median), row("mcp stdio: get_status round trip p95", (xs) => percentile(xs, 95))];
  } finally {
    await ours.close();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
