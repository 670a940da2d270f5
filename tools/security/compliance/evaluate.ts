import { z } from "zod";
import { runCheck, type CheckId, type CheckResult, type ComplianceInputs } from "./checks.js";
import type { FrameworkDef } from "./frameworks/framework.js";

export const ControlStatus = z.enum(["pass", "fail", "not_applicable", "manual"]);
export type ControlStatus = z.infer<typeof ControlStatus>;

/** One control of a report (a ComplianceReport finding). */
export const ControlFinding = z.object({
  control: z.string(),
  title: z.string(),
  status: ControlStatus,
  evidence: z.array(z.string()),
  checks: z.array(z.object({ id: z.string(), status: z.enum(["pass", "fail", "not_applicable"]) })),
});
export type ControlFinding = z.infer<typeof ControlFinding>;

export interface Evaluation {
  compliance_score: number;
  checks_passed: number;
  checks_applicable: number;
  controls: ControlFinding[];
}

function controlStatus(results: readonly CheckResult[]): ControlStatus {
  const applicable = results.filter((r) => r.status !== "not_applicable");
  if (!applicable.length) return "not_applicable";
  return applicable.some((r) => r.status === "fail") ? "fail" : "pass";
}

/**
 * Runs a framework's automated checks and maps them onto its controls. The score is the share
 * of the framework's applicable automated checks that pass (each check counted once, however
 * many controls it serves), 0–100 with one decimal; manual controls do not count.
 */
export function evaluateFramework(framework: FrameworkDef, inputs: ComplianceInputs): Evaluation {
  const results = new Map<CheckId, CheckResult>();
  const result = (id: CheckId) => {
    if (!results.has(id)) results.set(id, runCheck(id, inputs));
    return results.get(id)!;
  };
  const automated: ControlFinding[] = framework.automated.map((c) => {
    const own = c.checks.map(result);
    const status = controlStatus(own);
    const evidence = own.flatMap((r) => (status === "fail" ? (r.status === "fail" ? r.evidence : []) : r.evidence.map((e) => `${r.title}: ${e}`)));
    return { control: c.id, title: c.title, status, evidence, checks: own.map((r) => ({ id: r.id, status: r.status })) };
  });
  const manual: ControlFinding[] = framework.manual.map((c) => ({
    control: c.id,
    title: c.title,
    status: "manual",
    evidence: [`Needs human evidence: ${c.evidence}.`],
    checks: [],
  }));
  const applicable = [...results.values()].filter((r) => r.status !== "not_applicable");
  const passed = applicable.filter((r) => r.status === "pass").length;
  return {
    compliance_score: applicable.length ? Math.round((passed / applicable.length) * 1000) / 10 : 0,
    checks_passed: passed,
    checks_applicable: applicable.length,
    controls: [...automated, ...manual],
  };
}
