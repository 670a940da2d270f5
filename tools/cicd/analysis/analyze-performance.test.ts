import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../../testing.js";
import { cicdKit, node, settle } from "../test-support.js";
import { shardedCommand } from "./performance/shard-command.js";
import { mean, percentile, trendOf } from "./performance/stats.js";

let kit: (TestKit & { events: { event: string; data: Record<string, unknown> }[] }) | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe("duration statistics", () => {
  it("computes mean and interpolated percentiles", () => {
    const xs = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(mean(xs)).toBe(55);
    expect(percentile(xs, 50)).toBe(55);
    expect(percentile(xs, 95)).toBeCloseTo(95.5, 6);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it("calls a trend only when the newer half differs by 10% or more", () => {
    expect(trendOf([100, 100, 100, 130, 130, 130])).toEqual({ direction: "slower", change: 0.3 });
    expect(trendOf([100, 100, 80, 80])).toEqual({ direction: "faster", change: -0.2 });
    expect(trendOf([100, 104, 98, 103]).direction).toBe("stable");
    expect(trendOf([100, 200, 300])).toEqual({ direction: "unknown", change: null });
  });

  it("adds a shard flag only to test runners that take one", () => {
    expect(shardedCommand("npx vitest run")).toBe('npx vitest run --shard="$FLASHFUSION_SHARD"');
    expect(shardedCommand("npm test")).toBe('npm test -- --shard="$FLASHFUSION_SHARD"');
    expect(shardedCommand("npx playwright test")).toBe('npx playwright test --shard="$FLASHFUSION_SHARD"');
    expect(shardedCommand("make check")).toBeUndefined();
  });
});

async function history(steps: (i: number) => { name: string; duration_seconds: number }[], runs = 10, config: Record<string, unknown> = {}) {
  kit = await cicdKit();
  await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", provider: "local", build_command: "npm run build", ...config });
  for (let i = 0; i < runs; i++) {
    const s = steps(i).map((x) => ({ ...x, status: "success" as const }));
    await kit.store.insert("PipelineRun", {
      pipeline_id: "pl_web",
      number: 100 + i,
      status: "success",
      duration_seconds: s.reduce((a, x) => a + x.duration_seconds, 0),
      steps: s,
      started_at: new Date(Date.parse("2026-03-10T08:00:00Z") - i * 86_400_000).toISOString(),
    });
  }
  await kit.store.insert("PipelineRun", { pipeline_id: "pl_web", number: 99, status: "failed", steps: [{ name: "install", status: "failed", duration_seconds: 5 }], started_at: "2026-02-01T00:00:00Z" });
  return kit;
}

describe("analyze_performance", () => {
  it("profiles each step, names the test step as the bottleneck and records suggestions", async () => {
    const kit = await history((i) => [
      { name: "install", duration_seconds: 120 },
      { name: "build", duration_seconds: 60 },
      { name: "test", duration_seconds: 200 + i },
    ]);
    const out = await kit.call("analyze_performance", { pipeline: "webapp-pipeline" });
    if (out.status !== "ok") throw new Error("unreachable");
    const { profile, suggestions } = out.output as { profile: any; suggestions: any[] };
    expect(profile).toMatchObject({ runs: 10, successful_only: true, bottleneck: "test" });
    const test = profile.steps.find((s: any) => s.name === "test");
    expect(test).toMatchObject({ avg_seconds: 204.5, p50_seconds: 204.5, p95_seconds: 208.6, min_seconds: 200, max_seconds: 209, runs: 10 });
    // Newer runs have the smaller i: the test step got faster, by less than the noise threshold.
    expect(test.trend.direction).toBe("stable");
    expect(test.share).toBeCloseTo(204.5 / 384.5, 3);
    expect(suggestions.map((s) => s.optimization_type)).toEqual(["parallelize_tests", "cache_dependencies"]);
    expect(suggestions[0].projected_metrics).toMatchObject({ step: "test", shards: 2, current_step_seconds: 204.5, projected_step_seconds: 117.6, saving_seconds: 86.9 });
    expect(suggestions[1].projected_metrics).toMatchObject({ step: "install", current_step_seconds: 120, projected_step_seconds: 48, saving_seconds: 72 });
    expect(out.reply).toMatch(/Bottleneck: the test step, 3m 25s on average \(53\.2% of a build\)/);
    const rows = await kit.store.find("PipelineOptimization", { pipeline_id: "pl_web" });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === "suggested")).toBe(true);
    await settle(kit);
    expect(kit.events.filter((e) => e.event === "optimization.available").map((e) => e.data.optimization_type).sort()).toEqual(["cache_dependencies", "parallelize_tests"]);

    // A second analysis refreshes the open suggestions rather than adding copies (and announces nothing new).
    await kit.call("analyze_performance", { pipeline: "webapp-pipeline" });
    await settle(kit);
    expect(await kit.store.count("PipelineOptimization")).toBe(2);
    expect(kit.events.filter((e) => e.event === "optimization.available")).toHaveLength(2);
  });

  it("suggests caching when installing dependencies dominates, and applying it turns the cache on", async () => {
    const kit = await history(() => [
      { name: "install", duration_seconds: 240 },
      { name: "build", duration_seconds: 50 },
      { name: "test", duration_seconds: 40 },
    ]);
    const out = await kit.call("analyze_performance", { pipeline: "webapp" });
    if (out.status !== "ok") throw new Error("unreachable");
    const [first] = (out.output as { suggestions: { id: string; optimization_type: string }[] }).suggestions;
    expect(first).toMatchObject({ optimization_type: "cache_dependencies" });
    expect(out.reply).toMatch(/Bottleneck: the install step/);
    const applied = await kit.call("apply_optimization", { optimization: first!.id });
    expect(applied).toMatchObject({ output: { before: { cache_dependencies: false }, after: { cache_dependencies: true } } });
    expect((await kit.store.require("PipelineConfig", "pl_web")).cache_dependencies).toBe(true);
    expect(await kit.store.require("PipelineOptimization", first!.id)).toMatchObject({ status: "applied", applied_at: "2026-03-10T09:00:00.000Z" });
    expect(await kit.store.find("AuditLog", { event_type: "pipeline_config" })).toHaveLength(1);
    await expect(kit.call("apply_optimization", { optimization: first!.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("shards a configured vitest step, and the runner then runs the shards in parallel", async () => {
    const shardStep = node("console.log(\"args \" + process.argv.slice(1).join(\" \"))");
    const kit = await history(
      () => [
        { name: "install", duration_seconds: 20 },
        { name: "test", duration_seconds: 300 },
      ],
      6,
      { steps: [{ name: "install", command: node("0") }, { name: "test", command: `${shardStep} vitest run` }] },
    );
    await kit.call("analyze_performance", { pipeline: "webapp-pipeline" });
    const out = await kit.call("apply_optimization", { pipeline: "webapp-pipeline", type: "parallelize_tests" });
    expect(out).toMatchObject({ output: { after: { step: "test", shards: 4 } } });
    const config = await kit.store.require("PipelineConfig", "pl_web");
    expect(config.steps[1]).toMatchObject({ name: "test", shards: 4, command: `${shardStep} vitest run --shard="$FLASHFUSION_SHARD"` });
    await kit.call("trigger_pipeline", { pipeline: "webapp-pipeline" });
    await settle(kit);
    const run = (await kit.store.find("PipelineRun", { number: 106 }))[0]!;
    expect(run.status).toBe("success");
    for (const k of [1, 2, 3, 4]) expect(run.logs).toContain(`--- shard ${k}/4 ---\nargs vitest run --shard=${k}/4\n`);
    expect(run.steps[1]).toMatchObject({ name: "test", status: "success", shards: 4 });
  });

  it("will not shard a command that cannot split its suite, and says why", async () => {
    const kit = await history(() => [{ name: "test", duration_seconds: 300 }, { name: "build", duration_seconds: 30 }], 5, {
      steps: [{ name: "test", command: "make check" }, { name: "build", command: "make" }],
    });
    await kit.call("analyze_performance", { pipeline: "webapp-pipeline" });
    await expect(kit.call("apply_optimization", { pipeline: "webapp-pipeline", type: "parallelize_tests" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("FLASHFUSION_SHARD"),
    });
    expect((await kit.store.require("PipelineConfig", "pl_web")).steps[0]).toEqual({ name: "test", command: "make check" });
  });

  it("says so when there is nothing to measure", async () => {
    kit = await cicdKit();
    await kit.store.insert("PipelineConfig", { name: "new-pipeline", provider: "local" });
    const out = await kit.call("analyze_performance", { pipeline: "new-pipeline" });
    if (out.status !== "ok") throw new Error("unreachable");
    expect(out.reply).toMatch(/no finished builds/);
    expect(await kit.store.count("PipelineOptimization")).toBe(0);
  });
});
