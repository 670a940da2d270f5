import { z } from "zod";
import { defineTool } from "../../define.js";
import { at } from "./parsers/log-text.js";
import { diagnoseRun } from "./failure/diagnose.js";
import { FAILURE_CATEGORIES } from "./failure/rules/types.js";
import { recordQualityChecks } from "./quality-checks.js";
import { resolveRun, runFields } from "../runs/resolve-run.js";
import { statusPhrase } from "../runs/run-view.js";

const Location = z.object({ file: z.string(), line: z.number().int(), column: z.number().int().optional() });

export const analyzeFailure = defineTool({
  name: "analyze_failure",
  title: "Explain why a build failed",
  description:
    "Find why a pipeline build failed, from that run's own log and steps: the failing step and the root cause (TypeScript errors with file:line, failing tests, a missing module, npm errors, out of memory, a full disk, a timeout, lint errors, an unreachable service) with a suggested fix. Without a number, looks at the latest failed build.",
  domain: "cicd",
  input: z.object(runFields("that failed")),
  output: z.object({
    run_id: z.string(),
    number: z.number().int(),
    pipeline: z.string(),
    status: z.enum(["queued", "running", "success", "failed", "cancelled"]),
    duration_seconds: z.number().nullable(),
    diagnosis: z
      .object({
        failing_step: z.string().nullable(),
        category: z.enum(FAILURE_CATEGORIES),
        root_cause: z.string(),
        locations: z.array(Location),
        evidence: z.array(z.string()),
        suggested_fix: z.string(),
        other_causes: z.array(z.object({ category: z.enum(FAILURE_CATEGORIES), summary: z.string() })),
      })
      .nullable(),
    quality_checks_recorded: z.number().int(),
  }),
  effect: "write",
  permission: "read_runs",
  reads: ["PipelineRun", "PipelineConfig", "Environment"],
  writes: ["QualityCheck"],
  examples: [
    "Why did build #1234 fail?",
    "What went wrong with run 902?",
    "Why is the latest build of webapp-pipeline failing?",
    "Explain the failure of build 57",
    "What broke build 4417?",
    "Diagnose the last failed build",
  ],
  keywords: ["why", "fail", "failed", "failure", "broke", "broken", "red", "error", "root cause", "diagnose", "went wrong", "what happened", "explain"],
  run: async (input, ctx) => {
    const run = await resolveRun(ctx.store, input, { filter: (r) => r.status === "failed", describe: "failed", needsPipeline: false }, { logs: true });
    const pipeline = await ctx.store.get("PipelineConfig", run.pipeline_id);
    const base = { run_id: run.id, number: run.number, pipeline: pipeline?.name ?? run.pipeline_id, status: run.status, duration_seconds: run.duration_seconds };
    if (run.status !== "failed" && run.status !== "cancelled") return { ...base, diagnosis: null, quality_checks_recorded: 0 };
    const diagnosis = diagnoseRun({ status: run.status, steps: run.steps, logs: run.logs, failure_reason: run.failure_reason });
    const recorded = await recordQualityChecks(ctx.store, run);
    return { ...base, diagnosis, quality_checks_recorded: recorded };
  },
  reply: (o) => {
    const build = `Build #${o.number} of ${o.pipeline}`;
    if (!o.diagnosis) {
      return o.status === "success"
        ? `${build} did not fail: ${statusPhrase(o)}.`
        : `${build} has not failed: it is ${o.status}. Ask again once it has finished.`;
    }
    const d = o.diagnosis;
    const verb = o.status === "cancelled" ? "was cancelled" : "failed";
    const lines = [`${build} ${verb}${d.failing_step ? ` in step ${d.failing_step}` : ""}. Root cause: ${d.root_cause}`];
    if (d.locations.length > 1) lines.push(`Where: ${d.locations.slice(0, 5).map(at).join(", ")}${d.locations.length > 5 ? ", …" : ""}`);
    lines.push(`Suggested fix: ${d.suggested_fix}`);
    if (d.evidence.length) lines.push("From the log:", ...d.evidence.map((l) => `> ${l}`));
    if (d.other_causes.length) lines.push("Also in the log:", ...d.other_causes.map((c) => `- ${c.summary}`));
    return lines.join("\n");
  },
});
