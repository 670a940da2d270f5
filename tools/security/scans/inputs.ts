import { asText } from "../../../entities/sql.js";
import { Webhook } from "../../../entities/catalog/security.js";
import { columnOf } from "../../../entities/fields.js";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { DAY_MS } from "../time.js";

export interface WebhookInfo {
  id: string;
  url: string;
  active: boolean;
  pipeline_id: string | null;
  description: string | null;
  /** Whether a signing secret is set; the secret itself is never read. */
  has_secret: boolean;
}

/** One request made with an API key, from the audit log. */
export interface KeyEvent {
  key_id: string;
  at: number;
  refused: boolean;
}

/** Everything the checks look at, for one pipeline or the whole workspace. */
export interface ScanInputs {
  now: Date;
  pipelines: Entities["PipelineConfig"][];
  environments: Entities["Environment"][];
  webhooks: WebhookInfo[];
  apiKeys: Entities["APIKey"][];
  secrets: Entities["Secret"][];
  /** The latest run of each pipeline, whose logs are scanned. */
  runs: Entities["PipelineRun"][];
  keyEvents: KeyEvent[];
}

/** How far back key use is read: the 7 days whose hourly median is the baseline. */
export const KEY_ACTIVITY_WINDOW_MS = 7 * DAY_MS;

/**
 * Audit statuses that mean the request was refused. The door writes `refused` for arguments it
 * rejects; the HTTP layer may write the others (or `failed` with a FORBIDDEN / RATE_LIMITED
 * error) for requests an API key was not allowed to make.
 */
const REFUSED_STATUSES = new Set(["refused", "denied", "forbidden", "unauthorized", "rate_limited"]);
const REFUSED_ERRORS = new Set(["FORBIDDEN", "RATE_LIMITED", "UNAUTHORIZED"]);

async function webhooks(store: Store): Promise<WebhookInfo[]> {
  const rows = await store.select("Webhook").orderBy("id").execute();
  const decoded = store.decode("Webhook", rows);
  const secretColumn = columnOf("secret", Webhook.fields.secret);
  return decoded.map((w, i) => ({
    id: w.id,
    url: w.url,
    active: w.active,
    pipeline_id: w.pipeline_id,
    description: w.description,
    has_secret: rows[i]![secretColumn] != null,
  }));
}

async function keyEvents(store: Store, now: Date, keyIds: ReadonlySet<string>): Promise<KeyEvent[]> {
  if (keyIds.size === 0) return [];
  const since = new Date(now.getTime() - KEY_ACTIVITY_WINDOW_MS).toISOString();
  const rows = await store
    .select("AuditLog")
    .where("created_at", ">", since)
    .where("created_at", "<=", now.toISOString())
    .where(asText(store.db, store.column("AuditLog", "details")), "like", '%"api_key_id"%')
    .execute();
  const events: KeyEvent[] = [];
  for (const row of store.decode("AuditLog", rows)) {
    const details = row.details as Record<string, unknown>;
    const keyId = details.api_key_id;
    if (typeof keyId !== "string" || !keyIds.has(keyId)) continue;
    const refused = REFUSED_STATUSES.has(row.status) || REFUSED_ERRORS.has(String(details.error ?? ""));
    events.push({ key_id: keyId, at: Date.parse(row.created_at), refused });
  }
  return events;
}

async function latestRuns(store: Store, pipelines: readonly Entities["PipelineConfig"][]): Promise<Entities["PipelineRun"][]> {
  const runs: Entities["PipelineRun"][] = [];
  for (const p of pipelines) {
    const run = await store.findOne("PipelineRun", { pipeline_id: p.id }, { orderBy: "number", direction: "desc" });
    if (run) runs.push(run);
  }
  return runs;
}

/** Reads what a scan of one pipeline (or of the workspace, when `pipeline` is null) covers. */
export async function loadInputs(store: Store, now: Date, pipeline: Entities["PipelineConfig"] | null): Promise<ScanInputs> {
  const allEnvironments = await store.find("Environment", {}, { orderBy: "name" });
  const allWebhooks = await webhooks(store);
  const allKeys = await store.find("APIKey", {}, { orderBy: "name" });
  const allSecrets = await store.find("Secret", {}, { orderBy: "name" });
  const pipelines = pipeline ? [pipeline] : await store.find("PipelineConfig", {}, { orderBy: "name" });

  const envId = pipeline?.environment_id ?? null;
  const environments = pipeline ? allEnvironments.filter((e) => e.id === envId) : allEnvironments;
  // A pipeline's events also reach the workspace-wide webhooks; unscoped keys reach every pipeline.
  const hooks = pipeline ? allWebhooks.filter((w) => w.pipeline_id === null || w.pipeline_id === pipeline.id) : allWebhooks;
  const keys = pipeline ? allKeys.filter((k) => k.pipeline_ids.length === 0 || k.pipeline_ids.includes(pipeline.id)) : allKeys;
  const secrets = pipeline
    ? allSecrets.filter((s) => s.environment_ids.length === 0 || (envId !== null && s.environment_ids.includes(envId)))
    : allSecrets;
  const activeKeyIds = new Set(keys.filter((k) => !k.revoked_at).map((k) => k.id));

  return {
    now,
    pipelines,
    environments,
    webhooks: hooks,
    apiKeys: keys,
    secrets,
    runs: await latestRuns(store, pipelines),
    keyEvents: await keyEvents(store, now, activeKeyIds),
  };
}
