import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { ControlFinding, evaluateFramework } from "./evaluate.js";
import { FRAMEWORK_IDS, FRAMEWORKS } from "./frameworks/index.js";
import { loadComplianceInputs } from "./inputs.js";
import { renderMarkdown } from "./markdown.js";

const MAX_EVIDENCE_LINES = 3;

export const generateComplianceReport = defineTool({
  name: "generate_compliance_report",
  title: "Generate a compliance report",
  description:
    "Generate a compliance report for SOC2, ISO27001, GDPR or HIPAA: runs the automated checks (secrets, key hygiene, webhooks, production protection, scans, audit trail), maps them to the framework's controls, lists the controls that need human evidence, and scores the share of automated checks that pass. Also rendered as Markdown.",
  domain: "security",
  input: z.object({
    framework: z.enum(FRAMEWORK_IDS).meta(
      hint({
        description: "the compliance framework: SOC2, ISO27001, GDPR or HIPAA",
        extract: "enum",
        cues: ["for", "against", "generate", "run"],
        aliases: {
          "soc 2": "SOC2",
          "soc-2": "SOC2",
          "soc ii": "SOC2",
          "iso 27001": "ISO27001",
          "iso/iec 27001": "ISO27001",
          "iso-27001": "ISO27001",
          iso: "ISO27001",
          "27001": "ISO27001",
          "general data protection regulation": "GDPR",
          hippa: "HIPAA",
        },
      }),
    ),
  }),
  output: z.object({
    id: z.string(),
    framework: z.enum(FRAMEWORK_IDS),
    framework_name: z.string(),
    generated_at: z.string(),
    compliance_score: z.number(),
    checks_passed: z.number().int(),
    checks_applicable: z.number().int(),
    controls: z.array(ControlFinding),
    summary: z.string(),
    markdown: z.string(),
  }),
  effect: "write",
  roles: ["admin"],
  reads: ["PipelineConfig", "Environment", "Webhook", "APIKey", "Secret", "PipelineRun", "AuditLog", "SecurityScan"],
  writes: ["ComplianceReport"],
  examples: [
    "Generate SOC2 compliance report",
    "Run a GDPR compliance audit",
    "HIPAA compliance check for the workspace",
    "Create an ISO 27001 report",
    "How do we stand against SOC 2?",
    "Compliance report for ISO27001 please",
  ],
  keywords: ["compliance", "report", "audit", "controls", "framework", "soc2", "soc 2", "iso27001", "iso 27001", "gdpr", "hipaa", "evidence"],
  run: async (input, ctx) => {
    const framework = FRAMEWORKS[input.framework];
    const now = ctx.clock.now();
    const result = evaluateFramework(framework, await loadComplianceInputs(ctx.store, now));
    const failing = result.controls.filter((c) => c.status === "fail").length;
    const manual = result.controls.filter((c) => c.status === "manual").length;
    const summary =
      `${framework.name}: ${result.checks_passed} of ${result.checks_applicable} automated checks pass (${result.compliance_score.toFixed(1)}%); ` +
      `${failing} control(s) need attention; ${manual} control(s) need human evidence. An automated score is not an attestation.`;
    const report = await ctx.store.insert("ComplianceReport", {
      framework: framework.id,
      compliance_score: result.compliance_score,
      findings: result.controls,
      summary,
    });
    const markdown = renderMarkdown({ ...result, id: report.id, framework_name: framework.name, generated_at: report.created_at });
    return { id: report.id, framework: framework.id, framework_name: framework.name, generated_at: report.created_at, ...result, summary, markdown };
  },
  reply: (o) => {
    const failing = o.controls.filter((c) => c.status === "fail");
    const passing = o.controls.filter((c) => c.status === "pass");
    const manual = o.controls.filter((c) => c.status === "manual");
    const lines = [
      `${o.framework_name} compliance report ${o.id}: automated score ${o.compliance_score.toFixed(1)}% (${o.checks_passed} of ${o.checks_applicable} automated checks pass).`,
    ];
    if (failing.length) {
      lines.push(`Controls needing attention (${failing.length}):`);
      for (const c of failing) {
        const shown = c.evidence.slice(0, MAX_EVIDENCE_LINES);
        const more = c.evidence.length > shown.length ? ` (+${c.evidence.length - shown.length} more)` : "";
        lines.push(`- ${c.control} ${c.title}: ${shown.join(" ")}${more}`);
      }
    }
    if (passing.length) lines.push(`Passing controls: ${passing.map((c) => c.control).join(", ")}.`);
    if (manual.length) lines.push(`Need human evidence (${manual.length}): ${manual.map((c) => `${c.control} ${c.title}`).join("; ")}.`);
    lines.push(`Automated checks cover part of ${o.framework_name} only; this report is evidence for an audit, not an attestation.`);
    return lines.join("\n");
  },
});
