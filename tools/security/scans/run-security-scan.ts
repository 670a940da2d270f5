import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError, isToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { runChecks } from "./checks.js";
import { nextScanNumber } from "./history.js";
import { loadInputs } from "./inputs.js";
import { riskScore } from "./risk.js";
import { countsText, findingLine, pipelineNames, ScanView, scanTitle, viewScan } from "./scan-view.js";
import { resolveScanTarget } from "./target.js";
import { OpenedTask, openTasksFor } from "./tasks.js";

const MAX_LISTED = 10;

export const runSecurityScan = defineTool({
  name: "run_security_scan",
  title: "Run a security scan",
  description:
    "Run a security scan on a pipeline (or the whole workspace): leaked secrets in pipeline steps, environment variables, webhooks, run logs and the local repository, unprotected production, insecure webhooks, risky API keys and stale secrets. Every finding is CVSS-scored; high and critical findings open tasks.",
  domain: "security",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(
        hint({
          description: "the pipeline to scan, by name or id; leave out to scan the whole workspace",
          extract: "name",
          cues: ["scan", "scan on", "scan of", "audit", "audit of", "on"],
        }),
      ),
  }),
  output: ScanView.extend({ tasks_opened: z.array(OpenedTask) }),
  effect: "write",
  // The scan row is committed as `running` before the checks, so a failure leaves it `failed`.
  atomic: false,
  roles: ["admin"],
  reads: ["PipelineConfig", "Environment", "Webhook", "APIKey", "Secret", "PipelineRun", "AuditLog", "SecurityScan", "Task"],
  writes: ["SecurityScan", "Task"],
  examples: [
    "Run security scan on webapp-pipeline",
    "Scan docs-pipeline for leaked secrets",
    "Run a security scan on the whole workspace",
    "Do a security scan of api-pipeline for hard-coded credentials",
    "Security audit of the payments-pipeline configuration",
    "Scan everything for vulnerabilities",
  ],
  keywords: ["security scan", "scan", "vulnerabilities", "vulnerability", "leaked", "secrets", "credentials", "hard-coded", "audit", "whole", "workspace", "everything", "cvss", "risk"],
  run: async (input, ctx) => {
    const pipeline = await resolveScanTarget(ctx.store, input.pipeline);
    const scan = await ctx.transaction(async (s) =>
      s.insert("SecurityScan", {
        pipeline_id: pipeline?.id ?? null,
        scan_type: pipeline ? "pipeline" : "workspace",
        status: "running",
        number: await nextScanNumber(s),
      }),
    );
    try {
      const inputs = await loadInputs(ctx.store, ctx.clock.now(), pipeline);
      const { findings, coverage } = await runChecks(inputs, { repositories: true, signal: ctx.signal });
      return await ctx.transaction(async (s) => {
        const done = await s.update(
          "SecurityScan",
          scan.id,
          { status: "completed", findings, risk_score: riskScore(findings), coverage, finished_at: ctx.clock.now().toISOString() },
          { status: "running" },
        );
        if (!done) throw new ToolError("CONFLICT", `Security scan ${scan.id} is no longer running`);
        const tasks = await openTasksFor(s, done, findings);
        return { ...viewScan(done, await pipelineNames(s)), tasks_opened: tasks };
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await ctx.transaction((s) =>
        s.update("SecurityScan", scan.id, { status: "failed", error: message, finished_at: ctx.clock.now().toISOString() }, { status: "running" }),
      );
      if (isToolError(e)) throw e;
      throw new ToolError("UPSTREAM", `Security scan ${scan.id} failed: ${message}`);
    }
  },
  reply: (o) => {
    const head = `${scanTitle(o)}: ${o.status}, risk score ${o.risk_score.toFixed(1)}/100.`;
    if (!o.findings.length) return `${head}\nNo findings: no leaked secrets or risky settings found.`;
    const lines = o.findings.slice(0, MAX_LISTED).map(findingLine);
    const more = o.findings.length > MAX_LISTED ? [`…and ${o.findings.length - MAX_LISTED} more (show scan ${o.id}).`] : [];
    const tasks = o.tasks_opened.length ? [`Opened ${o.tasks_opened.length} task(s) for the high and critical findings.`] : [];
    return [head, `${o.findings.length} finding(s): ${countsText(o.counts)}.`, ...lines, ...more, ...tasks].join("\n");
  },
});
