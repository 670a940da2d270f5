import { afterEach, describe, expect, it } from "vitest";
import { decideApproval } from "../../door.js";
import type { TestKit } from "../../testing.js";
import { cicdKit, node, onlyRun, settle } from "../test-support.js";

let kit: (TestKit & { events: { event: string }[] }) | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function world() {
  kit = await cicdKit();
  const staging = await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging", url: "https://staging.example.com" });
  const production = await kit.store.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: true, url: "https://example.com" });
  const steps = [{ name: "build", command: node("console.log(\"built\")") }];
  await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local", steps, environment_id: production.id });
  await kit.store.insert("PipelineConfig", { id: "pl_api", name: "api-pipeline", provider: "local", branch: "develop", steps, environment_id: staging.id });
  await kit.store.insert("PipelineConfig", { id: "pl_docs", name: "docs-pipeline", provider: "local", steps });
  return { kit, staging, production };
}

describe("trigger_pipeline", () => {
  it("with only an environment, runs the one pipeline that deploys there", async () => {
    const { kit } = await world();
    const out = await kit.call("trigger_pipeline", { environment: "staging" });
    expect(out).toMatchObject({ status: "ok", output: { success: true, pipeline_id: "pl_api", workflow_id: "pl_api", status: "queued", branch: "develop", environment: "staging" } });
    await settle(kit);
    expect(await onlyRun(kit)).toMatchObject({ pipeline_id: "pl_api", environment_id: "env_stg", status: "success", deployment_url: "https://staging.example.com" });
  });

  it("asks which pipeline when several deploy to the environment, or none is named", async () => {
    const { kit } = await world();
    await kit.store.update("PipelineConfig", "pl_docs", { environment_id: "env_stg" });
    await expect(kit.call("trigger_pipeline", { environment: "staging" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "pipeline", allowed: ["api-pipeline", "docs-pipeline"], ask: true },
    });
    await expect(kit.call("trigger_pipeline", {})).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "pipeline", allowed: ["api-pipeline", "docs-pipeline", "webapp-pipeline"], ask: true },
    });
    expect(await kit.store.count("PipelineRun")).toBe(0);
  });

  it("accepts names, ids and branches, and numbers builds per pipeline", async () => {
    const { kit } = await world();
    await kit.call("trigger_pipeline", { pipeline: "docs-pipeline", branch: "release/1.2 to staging" });
    await kit.call("trigger_pipeline", { pipeline: "the docs pipeline" });
    await kit.call("trigger_pipeline", { pipeline_id: "pl_docs" });
    await kit.call("trigger_pipeline", { pipeline: "pl_api" });
    await settle(kit);
    const runs = await kit.store.find("PipelineRun", {}, { orderBy: "number" });
    expect(runs.map((r) => [r.pipeline_id, r.number, r.branch]).sort()).toEqual([
      ["pl_api", 1, "develop"],
      ["pl_docs", 1, "release/1.2"],
      ["pl_docs", 2, "main"],
      ["pl_docs", 3, "main"],
    ]);
    await expect(kit.call("trigger_pipeline", { pipeline: "docs-pipeline", branch: "../etc" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "branch" } });
  });

  it("says which pipeline was not found, and records nothing", async () => {
    const { kit } = await world();
    await expect(kit.call("trigger_pipeline", { pipeline: "nope-pipeline" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/^Pipeline nope-pipeline not found; there are: api-pipeline, docs-pipeline, webapp-pipeline$/),
    });
    await expect(kit.call("trigger_pipeline", { environment: "qa" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("Environment qa not found") });
    expect(await kit.store.count("PipelineRun")).toBe(0);
  });

  it("holds a deployment to a protected environment for approval; approved, it runs once", async () => {
    const { kit } = await world();
    const first = await kit.call("trigger_pipeline", { pipeline: "webapp-pipeline", environment: "production" });
    if (first.status !== "approval_required") throw new Error("expected an approval request");
    expect(first.approval.summary).toBe("Deploy webapp-pipeline (branch main) to production, a protected environment: 1 step (build)");
    expect(await kit.store.count("PipelineRun")).toBe(0);
    const caller = { workspaceId: "ws_default", actor: kit.actor };
    await decideApproval(kit.deps, caller, first.approval.id, true);
    const done = await kit.call("trigger_pipeline", { pipeline: "webapp-pipeline", environment: "production" }, { approvalId: first.approval.id });
    expect(done).toMatchObject({ status: "ok", output: { environment: "production", status: "queued" } });
    await settle(kit);
    expect(await onlyRun(kit)).toMatchObject({ environment_id: "env_prod", status: "success", deployment_url: "https://example.com" });
    await expect(
      kit.call("trigger_pipeline", { pipeline: "webapp-pipeline", environment: "production" }, { approvalId: first.approval.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await kit.store.count("PipelineRun")).toBe(1);
  });

  it("a rejected deployment leaves no run", async () => {
    const { kit } = await world();
    const first = await kit.call("trigger_pipeline", { pipeline: "webapp-pipeline" });
    if (first.status !== "approval_required") throw new Error("expected an approval request");
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, first.approval.id, false);
    await expect(kit.call("trigger_pipeline", { pipeline: "webapp-pipeline" }, { approvalId: first.approval.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await settle(kit);
    expect(await kit.store.count("PipelineRun")).toBe(0);
    expect(kit.events).toEqual([]);
  });

  it("runs the same pipeline on an unprotected environment without asking", async () => {
    const { kit } = await world();
    const out = await kit.call("trigger_pipeline", { pipeline: "webapp-pipeline", environment: "staging" });
    expect(out.status).toBe("ok");
    await settle(kit);
    expect(await onlyRun(kit)).toMatchObject({ pipeline_id: "pl_web", environment_id: "env_stg" });
  });

  it("refuses a pipeline with nothing to run before asking anything", async () => {
    const { kit } = await world();
    await kit.store.insert("PipelineConfig", { name: "empty-pipeline", provider: "local", environment_id: "env_prod" });
    await expect(kit.call("trigger_pipeline", { pipeline: "empty-pipeline" })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/nothing to run/) });
    expect(await kit.store.count("PendingApproval")).toBe(0);
  });
});

describe("get_status and list_runs", () => {
  it("answer a build's status by number, with its deployment URL, in the seed's shape", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local" });
    await kit.store.insert("PipelineRun", { id: "run_57", pipeline_id: "pl_web", number: 57, status: "success", duration_seconds: 150, deployment_url: "https://preview-57.example.com", steps: [{ name: "build", status: "success", duration_seconds: 150 }] });
    await kit.store.insert("PipelineRun", { id: "run_58", pipeline_id: "pl_web", number: 58, status: "failed", duration_seconds: 90, failure_reason: "step test failed with exit code 1" });
    const out = await kit.call("get_status", { build_number: 57 });
    expect(out).toMatchObject({ status: "ok", output: { success: true, run: { id: "run_57", status: "success", duration_seconds: 150, deployment_url: "https://preview-57.example.com", steps: [{ name: "build", status: "success" }] } } });
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply).toMatch(/^Build #57 of webapp-pipeline \(branch main\): success in 2m 30s\.\nDeployment: https:\/\/preview-57\.example\.com/);
    const failed = await kit.call("get_status", { run_id: "run_58" });
    if (failed.status !== "ok") throw new Error("unreachable");
    expect(failed.reply).toMatch(/failed after 1m 30s[\s\S]*Reason: step test failed with exit code 1\.[\s\S]*Why did build #58 fail\?/);
    const latest = await kit.call("get_status", { pipeline: "webapp" });
    expect(latest).toMatchObject({ output: { run: { number: 58 } } });
    await expect(kit.call("get_status", { build_number: 99 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "Build #99 not found" });
    await expect(kit.call("get_status", {})).rejects.toMatchObject({ code: "VALIDATION", details: { ask: true } });
  });

  it("asks which pipeline when a build number exists in two", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { id: "pl_a", name: "a-pipeline", provider: "local" });
    await kit.store.insert("PipelineConfig", { id: "pl_b", name: "b-pipeline", provider: "local" });
    await kit.store.insert("PipelineRun", { pipeline_id: "pl_a", number: 3, status: "success" });
    await kit.store.insert("PipelineRun", { pipeline_id: "pl_b", number: 3, status: "failed" });
    await expect(kit.call("get_status", { build_number: 3 })).rejects.toMatchObject({ details: { field: "pipeline", allowed: ["a-pipeline", "b-pipeline"], ask: true } });
    expect(await kit.call("get_status", { build_number: 3, pipeline: "b-pipeline" })).toMatchObject({ output: { run: { status: "failed" } } });
  });

  it("says a running build is not finished yet", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local" });
    await kit.store.insert("PipelineRun", { pipeline_id: "pl_web", number: 60, status: "running", started_at: "2026-03-10T08:57:00Z" });
    const out = await kit.call("get_status", { build_number: 60 });
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply).toContain("running, for 3m 0s so far — not finished yet");
  });

  it("lists builds newest first, by pipeline and status", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local" });
    for (let i = 1; i <= 4; i++) {
      await kit.store.insert("PipelineRun", { pipeline_id: "pl_web", number: i, status: i % 2 ? "failed" : "success", started_at: `2026-03-0${i}T10:00:00Z` });
    }
    const out = await kit.call("list_runs", { pipeline: "webapp-pipeline", status: "failed" });
    expect(out).toMatchObject({ output: { runs: [{ number: 3 }, { number: 1 }] } });
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply.split("\n")).toHaveLength(3);
  });
});
