import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../entities/clock.js";
import { openTestDb } from "../../../entities/scratch.js";
import { createCore } from "../../core.js";
import { storeFor } from "../../door.js";
import { defaultRegistry } from "../../index.js";
import { TEST_SECRET_KEY, type TestKit } from "../../testing.js";
import { cicdKit, node, onlyRun, settle } from "../test-support.js";
import { CRASH_REASON } from "./recover.js";
import { processAlive } from "./runner-id.js";

let kit: (TestKit & { events: { event: string; data: Record<string, unknown> }[] }) | undefined;
let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ff-runner-test-"));
});
afterEach(async () => {
  await kit?.close();
  kit = undefined;
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

async function pipeline(steps: { name: string; command: string; timeout_seconds?: number }[], extra: Record<string, unknown> = {}) {
  return kit!.store.insert("PipelineConfig", { name: "api-pipeline", provider: "local", branch: "main", steps, ...extra });
}


describe("the local runner", () => {
  it("runs the steps in order as real processes, logs their output and succeeds", async () => {
    kit = await cicdKit();
    const env = await kit.store.insert("Environment", { name: "staging", type: "staging", url: "https://staging.example.com", variables: { API_URL: "https://api.staging" } });
    await pipeline(
      [
        { name: "one", command: node("console.log(\"first-output\")") },
        { name: "two", command: node("console.error(\"second-output \" + process.env.API_URL)") },
      ],
      { environment_id: env.id },
    );
    const out = await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    expect(out).toMatchObject({ status: "ok", output: { status: "queued", number: 1, environment: "staging" } });
    await settle(kit);
    const run = await onlyRun(kit);
    expect(run).toMatchObject({ status: "success", number: 1, deployment_url: "https://staging.example.com", failure_reason: null });
    expect(run.logs).toMatch(/first-output[\s\S]*second-output https:\/\/api\.staging/);
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([["one", "success"], ["two", "success"]]);
    expect(run.duration_seconds).toBeGreaterThan(0);
    expect(run.steps.every((s) => typeof s.duration_seconds === "number" && s.duration_seconds > 0)).toBe(true);
    expect(kit.events.map((e) => e.event)).toEqual(["run.started", "run.completed", "deployment.success"]);
    expect(kit.events[1]!.data).toMatchObject({ run_id: run.id, status: "success", deployment_url: "https://staging.example.com" });
  });

  it("fails the run at the first failing step, with its stderr in the log, and skips the rest", async () => {
    kit = await cicdKit();
    await pipeline([
      { name: "install", command: node("0") },
      { name: "test", command: node("console.error(\"1 test failed: expected 2 to be 3\"); process.exit(3)") },
      { name: "deploy", command: node("console.log(\"deployed\")") },
    ]);
    await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    await settle(kit);
    const run = await onlyRun(kit);
    expect(run.status).toBe("failed");
    expect(run.failure_reason).toBe("step test failed with exit code 3");
    expect(run.logs).toContain("1 test failed: expected 2 to be 3");
    expect(run.logs).not.toContain("deployed");
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([["install", "success"], ["test", "failed"], ["deploy", "skipped"]]);
    expect(run.steps[1]).toMatchObject({ exit_code: 3 });
    expect(kit.events.map((e) => e.event)).toEqual(["run.started", "run.failed"]);
  });

  it("kills a hanging step and everything it started at the step's timeout", async () => {
    kit = await cicdKit();
    const hang = node(
      "const c = require(\"child_process\").spawn(\"sleep\", [\"60\"], { stdio: \"ignore\" }); require(\"fs\").writeFileSync(\"child.pid\", String(c.pid)); console.log(\"waiting forever\"); setInterval(() => {}, 1000)",
    );
    await pipeline([{ name: "serve", command: hang, timeout_seconds: 1 }, { name: "after", command: node("0") }], { working_directory: dir });
    const started = performance.now();
    await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    await settle(kit);
    expect(performance.now() - started).toBeLessThan(8_000);
    const run = await onlyRun(kit);
    expect(run).toMatchObject({ status: "failed", failure_reason: "step serve timed out after 1s and was stopped" });
    expect(run.steps.map((s) => s.status)).toEqual(["failed", "skipped"]);
    expect(run.logs).toContain("waiting forever");
    const grandchild = Number(readFileSync(join(dir, "child.pid"), "utf8"));
    expect(processAlive(grandchild)).toBe(false);
  });

  it("gives steps an environment built from scratch, with the secrets masked in the log even when split across writes", async () => {
    process.env.FF_SERVER_ONLY_SECRET = "server-side-credential";
    kit = await cicdKit();
    const env = await kit.store.insert("Environment", { name: "production", type: "production" });
    const other = await kit.store.insert("Environment", { name: "staging", type: "staging" });
    const token = "tok_9fQ2xLm4Vb7Kp1Zs";
    await kit.store.insert("Secret", { name: "DEPLOY_TOKEN", environment_ids: [env.id], value: token });
    await kit.store.insert("Secret", { name: "STAGING_ONLY", environment_ids: [other.id], value: "staging-value-123" });
    const printer = node(
      "const s = process.env.DEPLOY_TOKEN; let i = 0; const t = setInterval(() => { process.stdout.write(s.slice(i, i + 3)); i += 3; if (i >= s.length) { clearInterval(t); console.log(\" len=\" + s.length); } }, 15)",
    );
    const probe = node(
      "console.log([\"HOME=\" + process.env.HOME, \"CI=\" + process.env.CI, \"SERVER=\" + (process.env.FF_SERVER_ONLY_SECRET ?? \"unset\"), \"STAGING=\" + (process.env.STAGING_ONLY ?? \"unset\"), \"PWD=\" + process.cwd()].join(\"\\n\")); console.error(\"again: \" + process.env.DEPLOY_TOKEN)",
    );
    await pipeline([{ name: "leak", command: printer }, { name: "probe", command: probe }], { environment_id: env.id });
    await kit.callApproved("trigger_pipeline", { pipeline: "api-pipeline" });
    await settle(kit);
    const run = await onlyRun(kit);
    expect(run.status).toBe("success");
    expect(run.logs).not.toContain(token);
    expect(run.logs).not.toContain(token.slice(0, 12));
    expect(run.logs).toContain(`*** len=${token.length}`);
    expect(run.logs).toContain("again: ***");
    expect(run.logs).toContain("CI=true");
    expect(run.logs).toContain("SERVER=unset");
    expect(run.logs).toContain("STAGING=unset");
    const home = /^HOME=(\S+)$/m.exec(run.logs)![1]!;
    expect(home).toMatch(/\/ff-run-\w+\/home$/);
    expect(/^PWD=(\S+)$/m.exec(run.logs)![1]!).toBe(home.replace(/home$/, "workspace"));
    const stored = JSON.stringify(await kit.db.kysely.selectFrom("pipeline_runs").selectAll().execute());
    expect(stored).not.toContain(token);
  });

  it("fails at the next start a run that a crashed runner left running, with a clear reason", async () => {
    const file = join(dir, "ff.db");
    kit = await cicdKit({ file });
    const p = await pipeline([{ name: "build", command: node("0") }, { name: "deploy", command: node("0") }]);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const crashed = await kit.store.insert("PipelineRun", {
      pipeline_id: p.id,
      number: 7,
      status: "running",
      started_at: "2026-03-10T08:59:00Z",
      runner_id: `${hostname()}:${dead}:deadbeef`,
      heartbeat_at: new Date().toISOString(),
      steps: [{ name: "build", status: "running", duration_seconds: null }, { name: "deploy", status: "pending", duration_seconds: null }],
      logs: "==> step build: node -e 0\n",
    });
    const imported = await kit.store.insert("PipelineRun", { pipeline_id: p.id, number: 8, status: "running", started_at: "2026-03-10T08:58:00Z" });
    await kit.close();
    kit = undefined;
    // The next start of the server on the same database.
    const db = await openTestDb({ file });
    const core = createCore({ db, secretKey: TEST_SECRET_KEY, registry: defaultRegistry(), clock: fixedClock("2026-03-10T09:05:00Z") });
    try {
      await core.start();
      const store = storeFor(core, "ws_default");
      const after = await store.require("PipelineRun", crashed.id);
      expect(after).toMatchObject({ status: "failed", finished_at: "2026-03-10T09:05:00.000Z" });
      expect(after.failure_reason).toBe(`${CRASH_REASON} (step build was running)`);
      expect(after.steps.map((s) => s.status)).toEqual(["failed", "skipped"]);
      expect(after.logs).toContain(CRASH_REASON);
      // A run no runner of ours claimed (imported, or another system's) is not ours to fail.
      expect((await store.require("PipelineRun", imported.id)).status).toBe("running");
    } finally {
      await core.stop();
      await db.close();
    }
  });

  it("cancels a running build: its process is stopped and the later steps skipped", async () => {
    kit = await cicdKit();
    await pipeline([{ name: "slow", command: node("console.log(\"started\"); setTimeout(() => {}, 60000)") }, { name: "deploy", command: node("0") }]);
    await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    for (let i = 0; i < 100 && !(await onlyRun(kit)).logs.includes("started"); i++) await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const out = await kit.call("cancel_run", { build_number: 1 });
    expect(out).toMatchObject({ status: "ok", output: { was: "running", run: { status: "cancelled" } } });
    await settle(kit);
    expect(performance.now() - started).toBeLessThan(5_000);
    const run = await onlyRun(kit);
    expect(run.status).toBe("cancelled");
    expect(run.failure_reason).toMatch(/^cancelled by /);
    expect(run.steps.map((s) => s.status)).toEqual(["cancelled", "skipped"]);
    expect(run.logs).toContain("started");
    await expect(kit.call("cancel_run", { build_number: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("runs at most the configured number of builds at once; the others wait queued", async () => {
    process.env.FLASHFUSION_RUNNER_CONCURRENCY = "1";
    kit = await cicdKit();
    await pipeline([{ name: "work", command: node("console.log(\"start=\" + Date.now()); setTimeout(() => console.log(\"end=\" + Date.now()), 300)") }]);
    await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    await settle(kit);
    const [first, second] = await kit.store.find("PipelineRun", {}, { orderBy: "number" });
    expect([first!.number, second!.number]).toEqual([1, 2]);
    expect([first!.status, second!.status]).toEqual(["success", "success"]);
    const end = Number(/end=(\d+)/.exec(first!.logs)![1]);
    const start = Number(/start=(\d+)/.exec(second!.logs)![1]);
    expect(start).toBeGreaterThanOrEqual(end);
  });

  it("runs build_command as one step named build when the pipeline has no steps", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { name: "lib-pipeline", provider: "local", build_command: node("console.log(\"compiled ok\")") });
    await kit.call("trigger_pipeline", { pipeline: "lib" });
    await settle(kit);
    const run = await onlyRun(kit);
    expect(run).toMatchObject({ status: "success", steps: [{ name: "build", status: "success" }] });
    expect(run.logs).toContain("compiled ok");
  });

  it("with FLASHFUSION_LOCAL_RUNNER=off records the run as failed at once, saying why", async () => {
    process.env.FLASHFUSION_LOCAL_RUNNER = "off";
    kit = await cicdKit();
    await pipeline([{ name: "build", command: node("0") }]);
    const out = await kit.call("trigger_pipeline", { pipeline: "api-pipeline" });
    expect(out).toMatchObject({ status: "ok", output: { status: "failed" } });
    if (out.status === "ok") expect(out.reply).toMatch(/FLASHFUSION_LOCAL_RUNNER=off/);
    await settle(kit);
    const run = await onlyRun(kit);
    expect(run).toMatchObject({ status: "failed", steps: [{ name: "build", status: "skipped" }] });
    expect(run.failure_reason).toMatch(/turned off/);
    expect(kit.events.map((e) => e.event)).toEqual(["run.failed"]);
  });

  it("does not pretend to run a GitHub pipeline: nothing is recorded", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { name: "gh-pipeline", provider: "github", repository_name: "acme/web", build_command: "npm run build" });
    await expect(kit.call("trigger_pipeline", { pipeline: "gh-pipeline" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/only local pipelines/),
    });
    expect(await kit.store.count("PipelineRun")).toBe(0);
  });
});
