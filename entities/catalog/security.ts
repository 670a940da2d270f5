import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

export const Secret = defineEntity({
  name: "Secret",
  table: "secrets",
  prefix: "sec",
  fields: {
    name: f.text(),
    description: f.textOrNull(),
    environment_ids: f.json(z.array(z.string()), () => []),
    expires_at: f.timeOrNull(),
    last_rotated_at: f.timeOrNull(),
    version: f.int(1),
    value: f.encrypted(),
  },
  unique: [["name"]],
});

export const API_KEY_PERMISSIONS = [
  "trigger_pipeline",
  "read_runs",
  "read_config",
  "webhook",
  "chat",
  "tools",
  "events",
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

export const APIKey = defineEntity({
  name: "APIKey",
  table: "api_keys",
  prefix: "key",
  fields: {
    name: f.text(),
    key_hash: f.text(),
    key_preview: f.text(""),
    permissions: f.json(z.array(z.enum(API_KEY_PERMISSIONS)), () => []),
    pipeline_ids: f.json(z.array(z.string()), () => []),
    expires_at: f.timeOrNull(),
    usage_count: f.int(0),
    last_used: f.timeOrNull(),
    revoked_at: f.timeOrNull(),
    created_by: f.textOrNull(),
  },
  unique: [["key_hash"]],
  // A presented key is looked up by its hash before its workspace is known.
  globalIndexes: [["key_hash"]],
});

export const Finding = z
  .object({
    rule: z.string(),
    severity: z.enum(["none", "low", "medium", "high", "critical"]),
    cvss_vector: z.string(),
    cvss_score: z.number(),
    location: z.string(),
    description: z.string(),
  })
  .passthrough();
export type Finding = z.infer<typeof Finding>;

export const SecurityScan = defineEntity({
  name: "SecurityScan",
  table: "security_scans",
  prefix: "scan",
  fields: {
    pipeline_id: f.textOrNull(),
    scan_type: f.text("full"),
    status: f.enum(["running", "completed", "failed"], "running"),
    findings: f.json(z.array(Finding), () => []),
    risk_score: f.real(0),
    error: f.textOrNull(),
    finished_at: f.timeOrNull(),
    /** What the scan looked at: counts of pipelines, environments, webhooks, keys, secrets, files; notes. */
    coverage: f.jsonOrNull(z.record(z.string(), z.unknown())),
    /** The scan's number in its workspace (1, 2, …): orders scans started within the same instant. */
    number: f.intOrNull(),
  },
  indexes: [["pipeline_id"]],
});

export const ComplianceReport = defineEntity({
  name: "ComplianceReport",
  table: "compliance_reports",
  prefix: "cmp",
  fields: {
    framework: f.enum(["SOC2", "GDPR", "HIPAA", "ISO27001"]),
    compliance_score: f.real(0),
    findings: f.json(z.array(z.object({ control: z.string(), status: z.string(), evidence: z.unknown() }).passthrough()), () => []),
    summary: f.text(""),
  },
});

export const WEBHOOK_EVENTS = [
  "run.started",
  "run.completed",
  "run.failed",
  "optimization.available",
  "deployment.success",
] as const;

export const Webhook = defineEntity({
  name: "Webhook",
  table: "webhooks",
  prefix: "wh",
  fields: {
    url: f.text(),
    events: f.json(z.array(z.string()), () => []),
    pipeline_id: f.textOrNull(),
    active: f.bool(true),
    description: f.textOrNull(),
    disabled_reason: f.textOrNull(),
    secret: f.encrypted(),
  },
});

export const WebhookDelivery = defineEntity({
  name: "WebhookDelivery",
  table: "webhook_deliveries",
  prefix: "whd",
  fields: {
    webhook_id: f.text(),
    event: f.text(),
    payload: f.json(z.record(z.string(), z.unknown()), () => ({})),
    status: f.enum(["pending", "delivering", "delivered", "failed", "dead"], "pending"),
    attempt: f.int(0),
    response_status: f.intOrNull(),
    latency_ms: f.realOrNull(),
    next_attempt_at: f.timeOrNull(),
    delivered_at: f.timeOrNull(),
    error: f.textOrNull(),
    /** When the latest attempt started (the dispatcher's clock); the per-endpoint rate limit counts these. */
    last_attempt_at: f.timeOrNull(),
  },
  indexes: [["status", "next_attempt_at"], ["webhook_id"]],
});
