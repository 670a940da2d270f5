import type { ControlFinding } from "./evaluate.js";

export interface ReportForMarkdown {
  id: string;
  framework_name: string;
  generated_at: string;
  compliance_score: number;
  checks_passed: number;
  checks_applicable: number;
  controls: readonly ControlFinding[];
}

const STATUS_LABEL: Readonly<Record<ControlFinding["status"], string>> = {
  pass: "✅ pass",
  fail: "❌ fail",
  not_applicable: "➖ not applicable",
  manual: "📝 manual",
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report as a Markdown document: score, a table of controls, then the evidence per control. */
export function renderMarkdown(r: ReportForMarkdown): string {
  const lines = [
    `# ${r.framework_name} compliance report`,
    "",
    `Report ${r.id}, generated ${r.generated_at.slice(0, 16).replace("T", " ")} UTC.`,
    "",
    `**Automated score: ${r.compliance_score.toFixed(1)}%** (${r.checks_passed} of ${r.checks_applicable} applicable automated checks pass).`,
    "",
    "> The score covers the automated checks only. Controls marked manual need evidence from people; this report is input for an audit, not an attestation.",
    "",
    "| Control | Title | Status |",
    "|---|---|---|",
    ...r.controls.map((c) => `| ${cell(c.control)} | ${cell(c.title)} | ${STATUS_LABEL[c.status]} |`),
    "",
    "## Evidence",
  ];
  for (const c of r.controls) {
    lines.push("", `### ${c.control} ${c.title} — ${STATUS_LABEL[c.status]}`, ...c.evidence.map((e) => `- ${e}`));
  }
  return `${lines.join("\n")}\n`;
}
