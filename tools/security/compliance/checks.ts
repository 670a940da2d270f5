import type { Entities } from "../../../entities/index.js";
import type { RuleId } from "../rules/catalog.js";
import { isProduction } from "../rules/environments.js";
import type { ScanFinding } from "../rules/finding.js";
import type { ScanInputs } from "../scans/inputs.js";
import { SECRET_RULE_IDS } from "../secrets/rules.js";
import { daysSince, isoDate } from "../time.js";

/** The automated checks a compliance report runs over the whole workspace. */
export const CHECK_IDS = [
  "no_plaintext_secrets",
  "production_protected",
  "change_gates",
  "webhooks_https",
  "webhooks_signed",
  "api_keys_expire",
  "api_keys_least_privilege",
  "expired_keys_revoked",
  "unused_keys_revoked",
  "secrets_rotated",
  "key_use_normal",
  "recent_security_scan",
  "audit_trail",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = "pass" | "fail" | "not_applicable";

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  evidence: string[];
}

/** What the checks look at: the workspace's configuration, its findings, its scans and audit trail. */
export interface ComplianceInputs {
  scan: ScanInputs;
  findings: readonly ScanFinding[];
  scans: readonly Entities["SecurityScan"][];
  /** Audit entries in the last AUDIT_DAYS days. */
  auditEntries: number;
}

export const SCAN_MAX_AGE_DAYS = 30;
export const AUDIT_DAYS = 30;

interface RuleCheck {
  title: string;
  rules: readonly RuleId[];
  /** What was checked, or null when nothing in the workspace is subject to the check. */
  scope: (inputs: ScanInputs) => string | null;
}

const activeKeys = (i: ScanInputs) => i.apiKeys.filter((k) => !k.revoked_at);
const activeHooks = (i: ScanInputs) => i.webhooks.filter((w) => w.active);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const keysScope = (i: ScanInputs) => (activeKeys(i).length ? `${plural(activeKeys(i).length, "active API key")} checked` : null);
const hooksScope = (i: ScanInputs) => (activeHooks(i).length ? `${plural(activeHooks(i).length, "active webhook")} checked` : null);

const RULE_CHECKS: Readonly<Record<Exclude<CheckId, "change_gates" | "recent_security_scan" | "audit_trail">, RuleCheck>> = {
  no_plaintext_secrets: {
    title: "No credentials in plain text in pipelines, environments or webhooks",
    rules: SECRET_RULE_IDS,
    scope: (i) =>
      i.pipelines.length + i.environments.length + i.webhooks.length
        ? `${plural(i.pipelines.length, "pipeline")}, ${plural(i.environments.length, "environment")}, ${plural(i.webhooks.length, "webhook")} and ${plural(i.runs.length, "run log")} scanned for secrets`
        : null,
  },
  production_protected: {
    title: "Production environments need approval to deploy",
    rules: ["production_unprotected"],
    scope: (i) => {
      const prod = i.environments.filter(isProduction);
      return prod.length ? `production environments: ${prod.map((e) => e.name).join(", ")}` : null;
    },
  },
  webhooks_https: { title: "Webhooks deliver over HTTPS", rules: ["webhook_plain_http"], scope: hooksScope },
  webhooks_signed: { title: "Webhooks are signed", rules: ["webhook_unsigned"], scope: hooksScope },
  api_keys_expire: { title: "API keys expire", rules: ["api_key_no_expiry"], scope: keysScope },
  api_keys_least_privilege: { title: "API keys hold only the permissions they need", rules: ["api_key_all_permissions"], scope: keysScope },
  expired_keys_revoked: { title: "Expired API keys are revoked", rules: ["api_key_expired_active", "api_key_used_after_expiry"], scope: keysScope },
  unused_keys_revoked: { title: "Unused API keys are revoked", rules: ["api_key_unused"], scope: keysScope },
  secrets_rotated: {
    title: "Secrets are rotated at least every 90 days",
    rules: ["secret_not_rotated"],
    scope: (i) => (i.secrets.length ? `${plural(i.secrets.length, "secret")} checked` : null),
  },
  key_use_normal: { title: "API key use is monitored and shows no anomaly", rules: ["api_key_usage_spike", "api_key_refused_burst"], scope: keysScope },
};

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  ...Object.fromEntries(Object.entries(RULE_CHECKS).map(([id, c]) => [id, c.title])),
  change_gates: "Pipelines that deploy to production have quality gates",
  recent_security_scan: `A security scan completed in the last ${SCAN_MAX_AGE_DAYS} days`,
  audit_trail: "Actions are recorded in the audit log",
} as Record<CheckId, string>;

function ruleCheck(id: keyof typeof RULE_CHECKS, inputs: ComplianceInputs): CheckResult {
  const check = RULE_CHECKS[id];
  const scope = check.scope(inputs.scan);
  const failing = inputs.findings.filter((f) => (check.rules as readonly string[]).includes(f.rule));
  if (failing.length) return { id, title: check.title, status: "fail", evidence: failing.map((f) => f.description) };
  if (!scope) return { id, title: check.title, status: "not_applicable", evidence: ["nothing in the workspace is subject to this check"] };
  return { id, title: check.title, status: "pass", evidence: [scope] };
}

function changeGates(inputs: ComplianceInputs): CheckResult {
  const title = CHECK_TITLES.change_gates;
  const prodIds = new Set(inputs.scan.environments.filter(isProduction).map((e) => e.id));
  const deploying = inputs.scan.pipelines.filter((p) => p.environment_id !== null && prodIds.has(p.environment_id));
  if (!deploying.length) return { id: "change_gates", title, status: "not_applicable", evidence: ["no pipeline deploys to production"] };
  const ungated = deploying.filter((p) => Object.keys(p.quality_gates).length === 0);
  return ungated.length
    ? { id: "change_gates", title, status: "fail", evidence: ungated.map((p) => `Pipeline ${p.name} deploys to production without quality gates.`) }
    : { id: "change_gates", title, status: "pass", evidence: deploying.map((p) => `Pipeline ${p.name} has quality gates: ${Object.keys(p.quality_gates).join(", ")}.`) };
}

function recentScan(inputs: ComplianceInputs): CheckResult {
  const title = CHECK_TITLES.recent_security_scan;
  const completed = inputs.scans.filter((s) => s.status === "completed" && s.finished_at);
  const latest = completed.sort((a, b) => b.finished_at!.localeCompare(a.finished_at!))[0];
  if (!latest) return { id: "recent_security_scan", title, status: "fail", evidence: ["No completed security scan on record."] };
  const age = daysSince(latest.finished_at!, inputs.scan.now);
  const line = `Latest completed scan ${latest.id} on ${isoDate(latest.finished_at!)} (${age} days ago): ${latest.findings.length} finding(s), risk score ${latest.risk_score.toFixed(1)}.`;
  return { id: "recent_security_scan", title, status: age <= SCAN_MAX_AGE_DAYS ? "pass" : "fail", evidence: [line] };
}

function auditTrail(inputs: ComplianceInputs): CheckResult {
  const title = CHECK_TITLES.audit_trail;
  return inputs.auditEntries > 0
    ? { id: "audit_trail", title, status: "pass", evidence: [`${inputs.auditEntries} audit entries in the last ${AUDIT_DAYS} days.`] }
    : { id: "audit_trail", title, status: "fail", evidence: [`No audit entries in the last ${AUDIT_DAYS} days.`] };
}

export function runCheck(id: CheckId, inputs: ComplianceInputs): CheckResult {
  switch (id) {
    case "change_gates":
      return changeGates(inputs);
    case "recent_security_scan":
      return recentScan(inputs);
    case "audit_trail":
      return auditTrail(inputs);
    default:
      return ruleCheck(id, inputs);
  }
}

/** The scan rules some check reports on (every rule should be: a rule without a check is a gap). */
export const RULES_COVERED: ReadonlySet<RuleId> = new Set(Object.values(RULE_CHECKS).flatMap((c) => c.rules));
