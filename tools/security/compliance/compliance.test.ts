import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";
import { RULE_IDS } from "../rules/catalog.js";
import { everythingWritten, FAKE, givenLeakyPipeline, okOutput } from "../test-support.js";
import { CHECK_IDS, RULES_COVERED } from "./checks.js";
import type { ControlFinding } from "./evaluate.js";
import { FRAMEWORK_IDS, FRAMEWORKS } from "./frameworks/index.js";

interface ReportOut {
  id: string;
  framework: string;
  compliance_score: number;
  checks_passed: number;
  checks_applicable: number;
  controls: ControlFinding[];
  markdown: string;
}

let kit: TestKit;
afterEach(() => kit?.close());

const NOW = Date.parse("2026-03-10T09:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const report = async (framework: string) => okOutput<ReportOut>(await kit.call("generate_compliance_report", { framework }));
const control = (r: ReportOut, id: string) => r.controls.find((c) => c.control === id)!;

/** A workspace that passes every automated check. */
async function givenTidyWorkspace(): Promise<void> {
  await kit.store.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: true });
  await kit.store.insert("PipelineConfig", { name: "webapp-pipeline", environment_id: "env_prod", quality_gates: { coverage: 80 } });
  await kit.store.insert("Webhook", { url: "https://hooks.example.com/ci", secret: "whsec_x", active: true });
  await kit.store.insert("APIKey", { name: "deploy-bot", key_hash: "h1", permissions: ["trigger_pipeline"], expires_at: daysAgo(-60), last_used: daysAgo(1) });
  await kit.store.insert("Secret", { name: "DATABASE_URL", last_rotated_at: daysAgo(10), value: "postgres://x" });
  await kit.store.insert("SecurityScan", { status: "completed", finished_at: daysAgo(3), risk_score: 0 });
  await kit.store.insert("AuditLog", { event_type: "tool_call", action: "list_runs", created_at: daysAgo(2) });
}

describe("generate_compliance_report", () => {
  it("SOC2 on the public suite's workspace: a score below 100, failing controls with evidence, manual controls, no claim of compliance", async () => {
    kit = await createTestKit();
    await kit.store.insert("Environment", { id: "env_prod", name: "production", type: "production", protection_enabled: false });
    await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline", environment_id: "env_prod" });
    await kit.store.insert("Secret", { name: "DATABASE_URL", environment_ids: ["env_prod"], last_rotated_at: daysAgo(400) });
    await kit.store.insert("APIKey", { name: "deploy-bot", key_hash: "h1", key_preview: "ffai_...a1b2", permissions: ["trigger_pipeline"], expires_at: null });

    const { output, reply } = await report("SOC2");
    const [stored] = await kit.store.find("ComplianceReport");
    expect(stored).toMatchObject({ id: output.id, framework: "SOC2", compliance_score: output.compliance_score });
    expect(stored!.findings.length).toBeGreaterThan(1);
    expect(output.compliance_score).toBeGreaterThanOrEqual(0);
    expect(output.compliance_score).toBeLessThan(100);
    expect(output.compliance_score).toBe(Math.round((output.checks_passed / output.checks_applicable) * 1000) / 10);

    expect(control(output, "CC6.1")).toMatchObject({ status: "fail" });
    expect(control(output, "CC6.1").evidence.join(" ")).toMatch(/DATABASE_URL was last rotated 400 days ago/);
    expect(control(output, "CC6.1").evidence.join(" ")).toMatch(/deploy-bot \(ffai_\.\.\.a1b2\) has no expiry date/);
    expect(control(output, "CC8.1")).toMatchObject({ status: "fail" });
    expect(control(output, "CC8.1").evidence.join(" ")).toMatch(/production has protection disabled/);
    expect(control(output, "CC7.1").evidence.join(" ")).toMatch(/No completed security scan/);
    expect(control(output, "CC6.7")).toMatchObject({ status: "not_applicable" });
    expect(output.controls.filter((c) => c.status === "manual").map((c) => c.control)).toContain("CC7.4");

    expect(reply).toMatch(/SOC ?2/);
    expect(reply).toMatch(/automated score \d+\.\d%/);
    expect(reply).not.toMatch(/is compliant/i);
    expect(output.markdown).toMatch(/^# SOC 2 compliance report/);
    expect(output.markdown).toContain("| CC8.1 | Changes are authorised, tested and approved before deployment | ❌ fail |");
  });

  it("scores 100 when every automated check passes, and still lists manual controls without claiming compliance", async () => {
    kit = await createTestKit();
    await givenTidyWorkspace();
    for (const framework of FRAMEWORK_IDS) {
      const { output, reply } = await report(framework);
      expect(output.compliance_score, framework).toBe(100);
      expect(output.controls.filter((c) => c.status === "fail")).toEqual([]);
      expect(output.controls.some((c) => c.status === "manual")).toBe(true);
      expect(reply).not.toMatch(/is compliant/i);
      expect(output.markdown).not.toMatch(/is compliant/i);
    }
  });

  it("maps the checks to each framework's own controls", async () => {
    kit = await createTestKit();
    await givenLeakyPipeline(kit);
    const ids = async (framework: string) => (await report(framework)).output.controls.map((c) => c.control);
    expect(await ids("SOC2")).toEqual(expect.arrayContaining(["CC6.1", "CC7.1", "CC8.1"]));
    expect(await ids("ISO27001")).toEqual(expect.arrayContaining(["A.5.17", "A.8.8", "A.8.32"]));
    expect(await ids("GDPR")).toEqual(expect.arrayContaining(["Art. 32(1)(a)", "Art. 32(1)(b)", "Art. 30"]));
    expect(await ids("HIPAA")).toEqual(expect.arrayContaining(["§164.312(b)", "§164.312(e)(1)", "§164.308(a)(7)"]));
    const iso = (await report("ISO27001")).output;
    expect(control(iso, "A.8.24")).toMatchObject({ status: "fail" });
    expect(control(iso, "A.8.24").evidence.join(" ")).toMatch(/over plain http/);
    expect(await kit.store.count("ComplianceReport")).toBe(5);
    expect(await everythingWritten(kit)).not.toContain(FAKE.aws);
  });

  it("counts each check once, and leaves checks with nothing to check out of the score", async () => {
    kit = await createTestKit();
    // Only an unrotated secret: secrets_rotated fails, audit_trail and recent_security_scan fail, the rest do not apply.
    await kit.store.insert("Secret", { name: "OLD", last_rotated_at: daysAgo(120) });
    const { output } = await report("GDPR");
    expect(output).toMatchObject({ checks_passed: 0, checks_applicable: 3, compliance_score: 0 });
    await kit.store.insert("SecurityScan", { status: "completed", finished_at: daysAgo(1) });
    expect((await report("GDPR")).output).toMatchObject({ checks_passed: 2, checks_applicable: 3, compliance_score: 66.7 });
  });

  it("takes the framework's usual spellings and asks for a missing one", async () => {
    kit = await createTestKit();
    await expect(kit.call("generate_compliance_report", { framework: "PCI" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "framework" } });
    await expect(kit.call("generate_compliance_report", {})).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("every scan rule is reported by some check, and every check serves some framework", () => {
    expect(RULE_IDS.filter((r) => !RULES_COVERED.has(r))).toEqual([]);
    const used = new Set(Object.values(FRAMEWORKS).flatMap((f) => f.automated.flatMap((c) => c.checks)));
    expect(CHECK_IDS.filter((c) => !used.has(c))).toEqual([]);
  });
});
