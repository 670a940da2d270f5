import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";
import type { ScanFinding } from "../rules/finding.js";
import { everythingWritten, FAKE, givenCleanPipeline, givenLeakyPipeline, okOutput } from "../test-support.js";
import { HOUR_MS } from "../time.js";
import { riskScore } from "./risk.js";
import type { ScanView } from "./scan-view.js";

type ScanOut = ScanView & { tasks_opened: { id: string; title: string }[] };

let kit: TestKit;
let dirs: string[] = [];
afterEach(async () => {
  await kit?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const NOW = Date.parse("2026-03-10T09:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const DAY = 24 * HOUR_MS;
const rulesOf = (findings: ScanFinding[]) => findings.map((f) => f.rule).sort();

async function scan(input: Record<string, unknown> = {}) {
  return okOutput<ScanOut>(await kit.call("run_security_scan", input));
}

describe("run_security_scan on the public suite's pipelines", () => {
  it("webapp-pipeline: a critical finding for the AWS key, the unprotected production and the http webhook; the key never shown", async () => {
    kit = await createTestKit();
    await givenLeakyPipeline(kit);
    const { output, reply } = await scan({ pipeline: "webapp-pipeline" });

    const [stored] = await kit.store.find("SecurityScan", { pipeline_id: "pl_web" });
    expect(stored).toMatchObject({ status: "completed", scan_type: "pipeline", number: 1 });
    expect(stored!.risk_score).toBeGreaterThan(0);
    expect(stored!.finished_at).not.toBeNull();
    const aws = stored!.findings.find((f) => f.rule === "aws_access_key")!;
    expect(aws).toMatchObject({ severity: "critical", cvss_score: 9.9, cvss_vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", preview: "AKIA…MPLE" });
    expect(aws.location).toBe('pipeline webapp-pipeline, step "deploy" command');
    expect(aws.remediation).toMatch(/IAM/);
    expect(rulesOf(stored!.findings as ScanFinding[])).toEqual(["aws_access_key", "production_unprotected", "webhook_plain_http", "webhook_unsigned"]);
    for (const f of stored!.findings) {
      expect(["none", "low", "medium", "high", "critical"]).toContain(f.severity);
      expect(f.cvss_vector).toMatch(/^CVSS:3\.1\//);
    }

    expect(reply).toContain("9.9");
    expect(reply).toContain("AKIA…MPLE");
    expect(reply).toMatch(/risk score \d+\.\d\/100/);
    expect(reply).not.toContain(FAKE.aws);
    expect(await everythingWritten(kit)).not.toContain(FAKE.aws);
    expect(output.counts).toMatchObject({ critical: 1, high: 1, medium: 2 });
  });

  it("opens a task for each high and critical finding, once across scans", async () => {
    kit = await createTestKit();
    await givenLeakyPipeline(kit);
    const first = await scan({ pipeline: "webapp-pipeline" });
    const tasks = await kit.store.find("Task", { source: "scan" });
    expect(tasks).toHaveLength(2);
    expect(first.output.tasks_opened).toHaveLength(2);
    for (const t of tasks) expect(t).toMatchObject({ related_id: first.output.id, status: "open", priority: "high" });
    expect(tasks.map((t) => t.title).join("\n")).toMatch(/AWS access key/);
    expect(tasks.map((t) => t.description).join("\n")).not.toContain(FAKE.aws);

    const second = await scan({ pipeline: "webapp-pipeline" });
    expect(second.output.tasks_opened).toEqual([]);
    expect(await kit.store.count("Task", { source: "scan" })).toBe(2);
  });

  it("docs-pipeline: no high or critical finding, no task", async () => {
    kit = await createTestKit();
    await givenCleanPipeline(kit);
    const { output, reply } = await scan({ pipeline: "docs-pipeline" });
    expect(output).toMatchObject({ status: "completed", risk_score: 0, findings: [], target: "docs-pipeline" });
    expect(reply).toMatch(/No findings/);
    expect(await kit.store.count("Task")).toBe(0);
  });

  it("finds a pipeline by id, by a name without its suffix, and says which exist when none matches", async () => {
    kit = await createTestKit();
    await givenCleanPipeline(kit);
    expect((await scan({ pipeline: "pl_docs" })).output.pipeline_id).toBe("pl_docs");
    expect((await scan({ pipeline: "Docs pipeline" })).output.pipeline_id).toBe("pl_docs");
    await expect(kit.call("run_security_scan", { pipeline: "ghost" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/No pipeline "ghost".*docs-pipeline/),
    });
    expect(await kit.store.count("SecurityScan")).toBe(2);
  });

  it("scans the whole workspace when no pipeline is named", async () => {
    kit = await createTestKit();
    await givenLeakyPipeline(kit);
    await givenCleanPipeline(kit);
    for (const input of [{}, { pipeline: "the whole workspace" }]) {
      const { output, reply } = await scan(input);
      expect(output).toMatchObject({ pipeline_id: null, scan_type: "workspace", target: "workspace" });
      expect(output.coverage).toMatchObject({ pipelines: 2, environments: 2, webhooks: 1 });
      expect(reply).toMatch(/of the workspace/);
    }
  });

  it("is for admins only", async () => {
    kit = await createTestKit();
    const member = await kit.userWithRole("member");
    await expect(kit.call("run_security_scan", {}, { actor: member })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("what a scan looks at", () => {
  it("finds secrets in steps, build commands, triggers, environment variables, webhook URLs and run logs — previews only", async () => {
    kit = await createTestKit();
    await kit.store.insert("Environment", { id: "env_stg", name: "staging", type: "staging", protection_enabled: true, variables: { STRIPE_KEY: FAKE.stripe, DB_PASSWORD: FAKE.password, REGION: "eu-west-1" } });
    await kit.store.insert("PipelineConfig", {
      id: "pl_api",
      name: "api-pipeline",
      build_command: `npm ci && GH_TOKEN=${FAKE.github} npm run build`,
      triggers: { schedule: "0 3 * * *", notify: { slack_token: FAKE.slack } },
      environment_id: "env_stg",
    });
    await kit.store.insert("Webhook", { id: "wh_basic", url: `https://ci:${FAKE.password}@hooks.example.com/in`, pipeline_id: "pl_api", secret: "whsec_signing", active: true });
    await kit.store.insert("PipelineRun", { pipeline_id: "pl_api", number: 7, status: "failed", logs: `step 1 ok\nstep 2 ok\n${FAKE.privateKey}` });

    const { output, reply } = await scan({ pipeline: "api-pipeline" });
    const byRule = Object.fromEntries(output.findings.map((f) => [f.rule, f]));
    expect(Object.keys(byRule).sort()).toEqual(["generic_secret", "github_token", "private_key", "slack_token", "stripe_live_key", "url_credentials"]);
    expect(byRule.github_token!.location).toBe("pipeline api-pipeline, build command");
    expect(byRule.slack_token!.location).toBe("pipeline api-pipeline, triggers.notify.slack_token");
    expect(byRule.stripe_live_key!.location).toBe("environment staging, variable STRIPE_KEY");
    expect(byRule.generic_secret!.location).toBe("environment staging, variable DB_PASSWORD");
    expect(byRule.url_credentials!.location).toBe("webhook wh_basic, url");
    expect(byRule.private_key!.location).toBe("run #7 of api-pipeline, logs, line 3");
    // A signed https webhook raises no configuration finding.
    expect(output.findings.some((f) => f.rule.startsWith("webhook_"))).toBe(false);

    const written = `${reply}\n${await everythingWritten(kit)}`;
    for (const secret of [FAKE.github, FAKE.slack, FAKE.stripe, FAKE.password, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"]) {
      expect(written).not.toContain(secret);
    }
  });

  it("walks a local pipeline's repository within bounds, honouring the allowlist", async () => {
    kit = await createTestKit();
    const root = mkdtempSync(join(tmpdir(), "ff-scan-"));
    dirs.push(root);
    const put = (path: string, text: string | Buffer) => {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put("src/config.ts", `export const region = "eu";\n\nconst token = "${FAKE.github}";\n`);
    put("node_modules/pkg/index.js", `module.exports = "${FAKE.github}";`);
    put(".git/config", `[remote] url = https://${FAKE.github}@github.com/acme/app`);
    put("test/fixtures/id_ed25519", FAKE.privateKey);
    put("docs/setup.md", `Set the key: ${FAKE.aws}\n`);
    put("package-lock.json", `{"token": "${FAKE.password}"}`);
    put("logo.png", `fake image ${FAKE.stripe}`);
    put("data.bin", Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(FAKE.stripe)]));
    put("huge.txt", `${"x".repeat(600 * 1024)}\n${FAKE.slack}`);
    put(".flashfusion-allowlist", "test/fixtures/**\naws_access_key:docs/setup.md:1\n");
    await kit.store.insert("PipelineConfig", { id: "pl_repo", name: "repo-pipeline", provider: "local", working_directory: root });

    const { output } = await scan({ pipeline: "repo-pipeline" });
    expect(output.findings.map((f) => [f.rule, f.location])).toEqual([["github_token", "repository of repo-pipeline: src/config.ts, line 3"]]);
    // Read: src/config.ts, docs/setup.md, package-lock.json, the allowlist and the allowlisted fixture;
    // skipped: the image (extension), data.bin (binary), huge.txt (size); never entered: node_modules, .git.
    expect(output.coverage).toMatchObject({ files: 5, skipped_files: 3 });
    expect(await everythingWritten(kit)).not.toContain(FAKE.github);
  });

  it("notes a working directory it cannot read instead of failing", async () => {
    kit = await createTestKit();
    await kit.store.insert("PipelineConfig", { name: "gone-pipeline", provider: "local", working_directory: join(tmpdir(), "ff-no-such-dir-for-scan") });
    const { output } = await scan({ pipeline: "gone-pipeline" });
    expect(output.status).toBe("completed");
    expect(output.coverage!.notes.join(" ")).toMatch(/could not be read \(ENOENT\)/);
  });

  it("checks API keys: no expiry, every permission, unused, expired, used after expiry", async () => {
    kit = await createTestKit();
    const key = (name: string, extra: Record<string, unknown>) =>
      kit.store.insert("APIKey", { name, key_hash: name, key_preview: `ffai_...${name.slice(0, 4)}`, permissions: ["read_runs"], expires_at: ago(-60 * DAY), last_used: ago(DAY), ...extra });
    await key("forever", { expires_at: null });
    await key("god-mode", { permissions: ["trigger_pipeline", "read_runs", "read_config", "webhook"] });
    await key("dormant", { last_used: ago(120 * DAY) });
    await key("never-used", { last_used: null, created_at: ago(100 * DAY) });
    await key("expired", { expires_at: ago(5 * DAY), last_used: ago(10 * DAY) });
    await key("zombie", { expires_at: ago(5 * DAY), last_used: ago(DAY) });
    await key("revoked", { expires_at: null, revoked_at: ago(DAY) });
    await key("healthy", {});

    const { output } = await scan();
    const found = output.findings.map((f) => `${f.rule} ${f.location.split(" ")[2]}`).sort();
    expect(found).toEqual([
      "api_key_all_permissions god-mode",
      "api_key_expired_active expired",
      "api_key_no_expiry forever",
      "api_key_unused dormant",
      "api_key_unused never-used",
      "api_key_used_after_expiry zombie",
    ]);
    const zombie = output.findings.find((f) => f.rule === "api_key_used_after_expiry")!;
    expect(zombie).toMatchObject({ severity: "medium", cvss_score: 6.5 });
  });

  it("checks secret rotation: more than 90 days since the last rotation, or since creation when never rotated", async () => {
    kit = await createTestKit();
    await kit.store.insert("Secret", { name: "STRIPE_SECRET", last_rotated_at: ago(200 * DAY), value: FAKE.stripe });
    await kit.store.insert("Secret", { name: "SENTRY_DSN", last_rotated_at: ago(10 * DAY) });
    await kit.store.insert("Secret", { name: "LEGACY_TOKEN", created_at: ago(100 * DAY) });
    await kit.store.insert("Secret", { name: "NEW_TOKEN", created_at: ago(5 * DAY) });
    const { output } = await scan();
    expect(output.findings.map((f) => f.location).sort()).toEqual(["secret LEGACY_TOKEN", "secret STRIPE_SECRET"]);
    expect(output.findings.find((f) => f.location === "secret STRIPE_SECRET")!.description).toMatch(/200 days ago/);
    expect(await everythingWritten(kit)).not.toContain(FAKE.stripe);
  });

  it("flags a usage spike over 10× the 7-day hourly median and a burst of 20 refused requests in an hour", async () => {
    kit = await createTestKit();
    const keys = await Promise.all(
      ["steady", "spiky", "probed"].map((name) => kit.store.insert("APIKey", { name, key_hash: name, permissions: ["read_runs"], expires_at: ago(-60 * DAY), last_used: ago(HOUR_MS) })),
    );
    const [steady, spiky, probed] = keys.map((k) => k.id);
    const use = async (keyId: string, at: number, status = "success") =>
      kit.store.insert("AuditLog", { event_type: "tool_call", action: "list_runs", status, details: { api_key_id: keyId }, created_at: ago(at) });
    for (let h = 0; h < 7 * 24; h++) {
      for (const id of [steady!, spiky!]) {
        await use(id, h * HOUR_MS + 60_000);
        await use(id, h * HOUR_MS + 120_000);
      }
    }
    // Median 2 per hour: 17 in an hour stays under 10×, 22 goes over.
    for (let i = 0; i < 15; i++) await use(steady!, 5 * HOUR_MS + 1000 * (i + 1));
    for (let i = 0; i < 20; i++) await use(spiky!, 3 * HOUR_MS + 1000 * (i + 1));
    for (let i = 0; i < 25; i++) await use(probed!, 2 * HOUR_MS + 1000 * (i + 1), "refused");

    const { output } = await scan();
    const found = output.findings.map((f) => `${f.rule} ${f.location.split(" ")[2]}`).sort();
    expect(found).toEqual(["api_key_refused_burst probed", "api_key_usage_spike spiky"]);
    const spike = output.findings.find((f) => f.rule === "api_key_usage_spike")!;
    expect(spike).toMatchObject({ severity: "high", cvss_score: 8.2 });
    expect(spike.description).toMatch(/22 requests in the hour from 2026-03-10 05:00 UTC, over 10× its 7-day median of 2 per hour/);
  });

  it("records a failed scan with its error when the work is cancelled", async () => {
    kit = await createTestKit();
    const root = mkdtempSync(join(tmpdir(), "ff-scan-"));
    dirs.push(root);
    await kit.store.insert("PipelineConfig", { name: "repo-pipeline", provider: "local", working_directory: root });
    const controller = new AbortController();
    controller.abort();
    await expect(kit.call("run_security_scan", { pipeline: "repo-pipeline" }, { signal: controller.signal })).rejects.toMatchObject({
      code: "UPSTREAM",
      message: expect.stringMatching(/^Security scan scan_\w+ failed: .*abort/i),
    });
    const [failed] = await kit.store.find("SecurityScan");
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/abort/i) });
    expect(failed!.finished_at).not.toBeNull();
  });
});

describe("scan history", () => {
  it("lists, shows and compares scans: new, resolved and unchanged findings", async () => {
    kit = await createTestKit();
    await givenLeakyPipeline(kit);
    const first = (await scan({ pipeline: "webapp-pipeline" })).output;
    await kit.store.update("Environment", "env_prod", { protection_enabled: true, variables: { PAYMENTS: FAKE.stripe } });
    await kit.store.update("Webhook", "wh_ci", { url: "https://hooks.example.com/ci" });
    const second = (await scan({ pipeline: "webapp-pipeline" })).output;

    const compared = okOutput<{ previous: { id: string }; new: ScanFinding[]; resolved: ScanFinding[]; unchanged: ScanFinding[]; risk_change: number }>(
      await kit.call("compare_scans", { pipeline: "webapp-pipeline" }),
    );
    expect(compared.output.previous.id).toBe(first.id);
    expect(rulesOf(compared.output.new)).toEqual(["stripe_live_key"]);
    expect(rulesOf(compared.output.resolved)).toEqual(["production_unprotected", "webhook_plain_http"]);
    expect(rulesOf(compared.output.unchanged)).toEqual(["aws_access_key", "webhook_unsigned"]);
    expect(compared.reply).toMatch(/New \(1\):\n- critical 9\.6: Stripe live key/);
    expect(compared.reply).not.toContain(FAKE.stripe);
    // The same comparison by the later scan's id; the first scan has nothing before it.
    expect(okOutput<{ previous: { id: string } }>(await kit.call("compare_scans", { scan: second.id })).output.previous.id).toBe(first.id);
    expect(okOutput(await kit.call("compare_scans", { scan: first.id })).reply).toMatch(/no earlier completed scan/);

    const listed = okOutput<{ scans: { id: string }[] }>(await kit.call("list_scans", { pipeline: "webapp-pipeline" }));
    expect(listed.output.scans.map((s) => s.id)).toEqual([second.id, first.id]);
    expect(listed.reply).toMatch(/Security scans of webapp-pipeline \(2\), newest first/);

    const shown = okOutput<ScanView>(await kit.call("show_scan", {}));
    expect(shown.output.id).toBe(second.id);
    expect(shown.reply).toMatch(/Fix: Roll the key in the Stripe dashboard/);
    expect(okOutput<ScanView>(await kit.call("show_scan", { scan: first.id })).output.id).toBe(first.id);
    await expect(kit.call("show_scan", { scan: "scan_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says so when there is nothing to show yet", async () => {
    kit = await createTestKit();
    expect(okOutput(await kit.call("list_scans", {})).reply).toBe("No security scans yet.");
    await expect(kit.call("show_scan", {})).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/run one/) });
    await expect(kit.call("compare_scans", {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("risk score", () => {
  it("is 0 without findings, dominated by the worst finding, and never lowered by another finding", () => {
    expect(riskScore([])).toBe(0);
    expect(riskScore([{ cvss_score: 9.8 }])).toBe(96);
    expect(riskScore([{ cvss_score: 10 }])).toBe(100);
    expect(riskScore(Array.from({ length: 10 }, () => ({ cvss_score: 3.7 })))).toBe(77.1);
    expect(riskScore([{ cvss_score: 9.8 }, { cvss_score: 4.8 }])).toBeGreaterThan(riskScore([{ cvss_score: 9.8 }]));
  });
});
