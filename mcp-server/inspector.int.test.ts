/**
 * The MCP door as a client nobody here wrote sees it: the MCP Inspector's CLI
 * (`@modelcontextprotocol/inspector --cli`, pinned as a devDependency) against `flashfusion mcp`
 * over stdio and against the Streamable HTTP handler at /mcp.
 *
 * Inspector 0.15 is the last release that runs on Node 20, and its CLI cannot send headers; over
 * HTTP it goes through a loopback proxy that adds the API key, as an authenticating gateway
 * would (`serveMcp({ injectKey })`). Everything else is the Inspector's own client.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_KEY } from "../tools/testing.js";
import { openSeeded, type Seeded } from "./testing/fixture.js";
import { makeKey, serveMcp, type TestHttp } from "./testing/http.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const INSPECTOR = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")), "cli/build/cli.js");

interface Run {
  code: number;
  json: any;
  stderr: string;
}

/** Runs the Inspector CLI with `args`; answers its exit code and the JSON it printed. */
function inspector(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [INSPECTOR, "--cli", ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = null;
      }
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, json, stderr });
    });
  });
}

const text = (result: any): string => (result?.content ?? []).map((c: { text?: string }) => c.text ?? "").join("\n");

let seeded: Seeded;
let http: TestHttp;

beforeAll(async () => {
  seeded = await openSeeded();
  const key = await makeKey(seeded, "inspector", ["tools", "read_runs", "read_config", "trigger_pipeline"]);
  http = await serveMcp(seeded, { injectKey: key });
}, 60_000);

afterAll(async () => {
  await http?.close();
  await seeded?.close();
});

describe("the MCP Inspector CLI over stdio (flashfusion mcp)", () => {
  // The stdio server opens the seeded database file itself, as Claude Desktop would start it.
  const server = () => ["node", "bin/flashfusion.js", "mcp"];
  const env = () => ({ FLASHFUSION_DB: seeded.db.location, FLASHFUSION_SECRET_KEY: TEST_SECRET_KEY, FLASHFUSION_LOCAL_RUNNER: "off" });

  it("lists the tools, triggers a pipeline and reads its status, and gets an error result for a bad argument", async () => {
    const listed = await inspector([...server(), "--method", "tools/list"], env());
    expect(listed.code, listed.stderr).toBe(0);
    const names = listed.json.tools.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(["trigger_pipeline", "get_status", "get_config", "create_api_key", "send_webhook", "ask_agent"]));

    const triggered = await inspector([...server(), "--method", "tools/call", "--tool-name", "trigger_pipeline", "--tool-arg", "pipeline=webapp-pipeline"], env());
    expect(triggered.code, triggered.stderr).toBe(0);
    expect(triggered.json.isError ?? false).toBe(false);
    const run = triggered.json.structuredContent;
    expect(run).toMatchObject({ success: true, run_id: expect.stringMatching(/^run_/), number: expect.any(Number), pipeline: "webapp-pipeline" });

    const status = await inspector([...server(), "--method", "tools/call", "--tool-name", "get_status", "--tool-arg", `run_id=${run.run_id}`], env());
    expect(status.code, status.stderr).toBe(0);
    expect(status.json.isError ?? false).toBe(false);
    expect(status.json.structuredContent).toMatchObject({ success: true, run: { id: run.run_id, number: run.number, pipeline: "webapp-pipeline" } });

    const bad = await inspector([...server(), "--method", "tools/call", "--tool-name", "get_status", "--tool-arg", "build_number=latest"], env());
    expect(bad.json.isError).toBe(true);
    expect(text(bad.json)).toMatch(/VALIDATION.*build_number/s);
  }, 120_000);
});

describe("the MCP Inspector CLI over Streamable HTTP (/mcp)", () => {
  it("lists the tools, triggers a pipeline and reads its status, and gets an error result for a bad argument", async () => {
    const listed = await inspector([http.url, "--transport", "http", "--method", "tools/list"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json.tools.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(["trigger_pipeline", "get_status"]));

    const triggered = await inspector([http.url, "--transport", "http", "--method", "tools/call", "--tool-name", "trigger_pipeline", "--tool-arg", "pipeline=webapp-pipeline"]);
    expect(triggered.code, triggered.stderr).toBe(0);
    const run = triggered.json.structuredContent;
    expect(run).toMatchObject({ run_id: expect.stringMatching(/^run_/) });

    const status = await inspector([http.url, "--transport", "http", "--method", "tools/call", "--tool-name", "get_status", "--tool-arg", `run_id=${run.run_id}`]);
    expect(status.json.structuredContent).toMatchObject({ run: { id: run.run_id } });

    const bad = await inspector([http.url, "--transport", "http", "--method", "tools/call", "--tool-name", "get_status", "--tool-arg", "build_number=latest"]);
    expect(bad.json.isError).toBe(true);
    expect(text(bad.json)).toMatch(/VALIDATION.*build_number/s);
    await seeded.runtime.settle(30_000);
  }, 120_000);
});
