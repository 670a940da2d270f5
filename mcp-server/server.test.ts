import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor } from "../tools/door.js";
import { connect, memoryLog, openSeeded, type Seeded, resultText } from "./testing/fixture.js";

let seeded: Seeded;
let client: Client;
let close: () => Promise<void>;
const log = memoryLog();

beforeAll(async () => {
  seeded = await openSeeded();
  ({ client, close } = await connect(seeded, { log }));
});
afterAll(async () => {
  await close();
  await seeded.close();
});

/** Every keyword used in a schema, at any depth (property names are data, not keywords). */
function schemaKeys(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(schemaKeys);
  if (!schema || typeof schema !== "object") return [];
  return Object.entries(schema).flatMap(([k, v]) =>
    k === "properties" && v && typeof v === "object" ? Object.values(v).flatMap(schemaKeys) : [k, ...schemaKeys(v)],
  );
}

const text = resultText;

describe("tools/list", () => {
  it("offers every registry tool, the seed's platform operations among them, plus ask_agent and approve_action", async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toHaveLength(seeded.runtime.core.registry.list().length + 2);
    for (const name of ["trigger_pipeline", "get_status", "get_config", "create_api_key", "send_webhook", "ask_agent", "approve_action"]) expect(names).toContain(name);
    for (const t of tools) expect(t.name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("takes title, description, schemas and annotations from each tool's spec, without the local provider's hints", async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    const status = byName.get("get_status")!;
    expect(status.title).toBe("Get a build's status");
    expect(status.annotations).toEqual({ title: "Get a build's status", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(Object.keys(status.inputSchema.properties ?? {})).toEqual(["build_number", "run_id", "pipeline"]);
    expect(status.outputSchema?.required).toEqual(["success", "run", "elapsed_seconds"]);
    expect(byName.get("send_webhook")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, openWorldHint: true });
    expect(byName.get("delete_note")!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    const keys = tools.flatMap((t) => [...schemaKeys(t.inputSchema), ...schemaKeys(t.outputSchema)]);
    for (const hint of ["extract", "cues", "prefix", "unit", "aliases", "secret", "display", "$schema"]) expect(keys).not.toContain(hint);
    expect(keys).toContain("description");
    // The chart is for a person's screen, never part of the structured result.
    expect(Object.keys(byName.get("show_insight_report")!.outputSchema!.properties ?? {})).not.toContain("chart_svg");
  });

  it("narrows to the chosen toolsets, and to tools that read with --read-only", async () => {
    const only = await connect(seeded, { exposure: { toolsets: ["security"], readOnly: true }, log });
    try {
      const { tools } = await only.client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toContain("list_scans");
      expect(names).toContain("list_api_keys"); // SecurityAuditor holds it too
      expect(names).not.toContain("revoke_api_key");
      expect(names).not.toContain("get_status");
      expect(names).not.toContain("ask_agent");
      expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
      const refused = await only.client.callTool({ name: "trigger_pipeline", arguments: { pipeline: "webapp-pipeline" } });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^FORBIDDEN: trigger_pipeline is destructive, and this server is read-only/);
    } finally {
      await only.close();
    }
  });
});

describe("tools/call", () => {
  it("answers the door's safe output as structuredContent, with its JSON copy as text", async () => {
    const r = await client.callTool({ name: "get_status", arguments: { build_number: 1234 } });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ success: true, run: { id: "run_1234", number: 1234, status: "failed", pipeline: "webapp-pipeline" } });
    expect(JSON.parse((r.content as { text: string }[])[0]!.text)).toEqual(r.structuredContent);
  });

  it("starts a pipeline run with trigger_pipeline (an unprotected environment needs no approval)", async () => {
    const r = await client.callTool({ name: "trigger_pipeline", arguments: { pipeline: "webapp-pipeline" } });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ success: true, pipeline: "webapp-pipeline", number: 1235, status: "queued", environment: "staging" });
    const run = await storeFor(seeded.runtime.core, "ws_default").findOne("PipelineRun", { number: 1235 });
    expect(run?.trigger).toBe("manual");
  });

  it("leaves out display-only fields and still validates against the output schema", async () => {
    const list = await client.callTool({ name: "list_insight_reports", arguments: {} });
    const id = (list.structuredContent as { reports: { id: string }[] }).reports[0]!.id;
    const r = await client.callTool({ name: "show_insight_report", arguments: { id } });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).not.toHaveProperty("chart_svg");
  });

  it("audits calls as the configured user, over the MCP door", async () => {
    const rows = await storeFor(seeded.runtime.core, "ws_default").find("AuditLog", { action: "get_status" });
    expect(rows.at(-1)).toMatchObject({ actor_id: "usr_admin", request_id: "mcp-stdio", status: "success" });
  });
});

describe("errors are isError results that say how to fix the call", () => {
  it("a wrong type names the field and lists the arguments", async () => {
    const r = await client.callTool({ name: "get_status", arguments: { build_number: "latest" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^VALIDATION: Invalid arguments — build_number: .*expected number/);
    expect(text(r)).toContain("- build_number (integer): the build number to look at (#57)");
  });

  it("a missing required field is named, with the valid values of an enum", async () => {
    const r = await client.callTool({ name: "create_api_key", arguments: { name: "no-perms" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain("permissions");
    expect(text(r)).toContain("- permissions (array, required)");
    const bad = await client.callTool({ name: "create_api_key", arguments: { name: "bad-perms", permissions: ["everything"] } });
    expect(text(bad)).toMatch(/trigger_pipeline.*read_runs.*read_config.*webhook.*chat.*tools/s);
  });

  it("a thing that does not exist is NOT_FOUND, naming it", async () => {
    const r = await client.callTool({ name: "get_config", arguments: { pipeline: "ghost-pipeline" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^NOT_FOUND: .*ghost-pipeline/);
  });

  it("an unknown tool lists the tools there are", async () => {
    const r = await client.callTool({ name: "launch_rocket", arguments: {} });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^NOT_FOUND: no tool named launch_rocket\. .*get_status/s);
  });

  it("a member is refused what only admins may do, and sees only what a member may call", async () => {
    const member = await connect(seeded, { principal: { workspaceId: "ws_default", actor: { id: "usr_dev", role: "member", email: "dev@acme.example", full_name: "Dana Developer" } }, log });
    try {
      const names = (await member.client.listTools()).tools.map((t) => t.name);
      expect(names).not.toContain("create_api_key");
      expect(names).toContain("get_status");
      const r = await member.client.callTool({ name: "create_api_key", arguments: { name: "sneaky", permissions: ["tools"] } });
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/^FORBIDDEN: create_api_key is for admin users; you are member/);
    } finally {
      await member.close();
    }
  });

  it("logs one line per call with the outcome, never the arguments", () => {
    expect(log.lines.some((l) => /^tools\/call get_status VALIDATION \d+ms$/.test(l))).toBe(true);
    expect(log.lines.join("\n")).not.toContain("ghost-pipeline");
  });
});

describe("resources", () => {
  it("lists templates for pipelines, runs, insights and the like, and concrete resources to browse", async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      "flashfusion://pipelines/{name}",
      "flashfusion://runs/{id}",
      "flashfusion://insights/{id}",
      "flashfusion://workflows/{id}",
      "flashfusion://orders/{id}",
      "flashfusion://scans/{id}",
    ]);
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain("flashfusion://pipelines/webapp-pipeline");
    expect(uris).toContain("flashfusion://runs/run_1234");
  });

  it("reads a resource through its read tool: the safe output as JSON", async () => {
    const pipeline = await client.readResource({ uri: "flashfusion://pipelines/webapp-pipeline" });
    expect(pipeline.contents[0]).toMatchObject({ uri: "flashfusion://pipelines/webapp-pipeline", mimeType: "application/json" });
    expect(JSON.parse((pipeline.contents[0] as { text: string }).text)).toMatchObject({ config: { name: "webapp-pipeline", provider: "local" } });
    const run = await client.readResource({ uri: "flashfusion://runs/run_1227" });
    expect(JSON.parse((run.contents[0] as { text: string }).text)).toMatchObject({ run: { number: 1227, status: "failed" } });
  });

  it("answers a missing one with MCP's resource-not-found error", async () => {
    await expect(client.readResource({ uri: "flashfusion://runs/run_nope" })).rejects.toMatchObject({ code: -32002 });
  });

  it("completes ids and names from what exists", async () => {
    const names = await client.complete({ ref: { type: "ref/resource", uri: "flashfusion://pipelines/{name}" }, argument: { name: "name", value: "WEB" } });
    expect(names.completion.values).toEqual(["webapp-pipeline", "webapp-release"]);
    const runs = await client.complete({ ref: { type: "ref/resource", uri: "flashfusion://runs/{id}" }, argument: { name: "id", value: "run_122" } });
    expect(runs.completion.values).toContain("run_1229");
    expect(runs.completion.values.every((v) => v.startsWith("run_122"))).toBe(true);
    // `_` is a literal, not LIKE's wildcard
    const none = await client.complete({ ref: { type: "ref/resource", uri: "flashfusion://runs/{id}" }, argument: { name: "id", value: "run%" } });
    expect(none.completion.values).toEqual([]);
  });
});

describe("prompts", () => {
  it("has one prompt per agent, its example commands in the description", async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["flow_director", "signal_sage", "copilot", "cicd_assistant", "security_auditor"]);
    const cicd = prompts.find((p) => p.name === "cicd_assistant")!;
    expect(cicd.description).toContain('"Why did build #1234 fail?"');
    expect(cicd.arguments).toEqual([
      expect.objectContaining({ name: "command", required: true }),
      expect.objectContaining({ name: "thread_id", required: false }),
    ]);
  });

  it("completes the command from the agent's examples and renders a message that uses ask_agent", async () => {
    const done = await client.complete({ ref: { type: "ref/prompt", name: "cicd_assistant" }, argument: { name: "command", value: "build #" } });
    expect(done.completion.values).toContain("Why did build #1234 fail?");
    const got = await client.getPrompt({ name: "cicd_assistant", arguments: { command: "Why did build #1234 fail?" } });
    expect(got.messages[0]!.content).toMatchObject({ type: "text" });
    expect((got.messages[0]!.content as { text: string }).text).toContain('Call the ask_agent tool with text "Why did build #1234 fail?"');
  });
});

describe("ask_agent", () => {
  it("runs a plain-language command through the runtime and answers the thread", async () => {
    const r = await client.callTool({ name: "ask_agent", arguments: { text: "Why did build #1234 fail?" } });
    expect(r.isError).toBeFalsy();
    const turn = r.structuredContent as { thread_id: string; status: string; agents: string[]; reply: string; tool_calls: { tool: string }[] };
    expect(turn).toMatchObject({ status: "completed", agents: ["CICDAssistant"], tool_calls: [{ tool: "analyze_failure", status: "ok" }] });
    expect(turn.reply).toContain("TS2304");
    expect(turn.thread_id).toMatch(/^thr_/);
    const next = await client.callTool({ name: "ask_agent", arguments: { text: "And #1227?", thread_id: turn.thread_id } });
    expect((next.structuredContent as { thread_id: string }).thread_id).toBe(turn.thread_id);
  });

  it("is an error result for a thread that does not exist", async () => {
    const r = await client.callTool({ name: "ask_agent", arguments: { text: "Show my projects", thread_id: "thr_nope" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/NOT_FOUND: thread thr_nope not found/);
  });
});
