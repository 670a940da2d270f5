import { z } from "zod";
import { Secret as SecretEntity } from "../../../entities/catalog/security.js";
import { columnOf } from "../../../entities/fields.js";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";
import { secretName } from "./secret-name.js";

export type Secret = Entities["Secret"];

const DAY = 86_400_000;
/** A secret expiring within this many days is "expiring" (the same window as API keys). */
export const EXPIRING_DAYS = 30;
/** A value older than this many days is due for rotation. */
export const ROTATE_AFTER_DAYS = 90;

export const SecretState = z.enum(["active", "expiring", "expired", "no_value"]);

/** A secret as the tools answer it: names, scopes and dates — never its value. */
export const SecretView = z.object({
  id: z.string(),
  name: z.string(),
  all_environments: z.boolean(),
  environments: z.array(z.object({ id: z.string(), name: z.string() })),
  version: z.number().int(),
  state: SecretState,
  rotation_due: z.boolean(),
  expires_at: z.string().nullable(),
  last_rotated_at: z.string().nullable(),
  created_at: z.string(),
});
export type SecretView = z.infer<typeof SecretView>;

interface Stored {
  secret: Secret;
  /** Whether a value is stored (read from the sealed column's presence; nothing is decrypted). */
  hasValue: boolean;
}

/** The workspace's secrets by name, each with whether it holds a value. */
export async function storedSecrets(store: Store): Promise<Stored[]> {
  const column = columnOf("value", SecretEntity.fields.value);
  const rows = await store.select("Secret").orderBy(store.column("Secret", "name")).execute();
  const secrets = store.decode("Secret", rows);
  return secrets.map((secret, i) => ({ secret, hasValue: rows[i]![column] != null }));
}

/** One secret by id (sec_…) or name, case-insensitive. */
export async function resolveSecret(store: Store, ref: string, field = "secret"): Promise<Stored> {
  const all = await storedSecrets(store);
  const byId = all.find((s) => s.secret.id === ref.trim());
  if (byId) return byId;
  const name = secretName(ref, field);
  const found = all.find((s) => s.secret.name.toUpperCase() === name);
  if (found) return found;
  const names = all.map((s) => s.secret.name).slice(0, 20);
  throw new ToolError("NOT_FOUND", `No secret ${name} in this workspace${names.length ? `; there are: ${names.join(", ")}` : "; there are none yet"}`, {
    field,
    allowed: names,
  });
}

function stateOf(s: Stored, nowMs: number): z.infer<typeof SecretState> {
  if (!s.hasValue) return "no_value";
  if (!s.secret.expires_at) return "active";
  const left = Date.parse(s.secret.expires_at) - nowMs;
  if (left <= 0) return "expired";
  return left <= EXPIRING_DAYS * DAY ? "expiring" : "active";
}

export async function viewSecrets(store: Store, stored: readonly Stored[], now: Date): Promise<SecretView[]> {
  const names = new Map((await store.find("Environment")).map((e) => [e.id, e.name]));
  const nowMs = now.getTime();
  return stored.map((s) => ({
    id: s.secret.id,
    name: s.secret.name,
    all_environments: s.secret.environment_ids.length === 0,
    environments: s.secret.environment_ids.map((id) => ({ id, name: names.get(id) ?? id })),
    version: s.secret.version,
    state: stateOf(s, nowMs),
    rotation_due: s.hasValue && (!s.secret.last_rotated_at || nowMs - Date.parse(s.secret.last_rotated_at) > ROTATE_AFTER_DAYS * DAY),
    expires_at: s.secret.expires_at,
    last_rotated_at: s.secret.last_rotated_at,
    created_at: s.secret.created_at,
  }));
}

const day = (iso: string) => iso.slice(0, 10);

export function scopeText(v: Pick<SecretView, "all_environments" | "environments">): string {
  return v.all_environments ? "every environment" : v.environments.map((e) => e.name).join(", ");
}

/** One line of a reply: name, scope, state and dates. */
export function secretLine(v: SecretView): string {
  const facts = [
    v.state === "no_value" ? "no value yet" : `version ${v.version}`,
    v.state === "expired" && v.expires_at ? `EXPIRED ${day(v.expires_at)}` : v.expires_at ? `expires ${day(v.expires_at)}` : "no expiry",
    v.last_rotated_at ? `last set ${day(v.last_rotated_at)}` : null,
    v.rotation_due ? "due for rotation" : null,
  ].filter(Boolean);
  return `- ${v.name} (${scopeText(v)}): ${facts.join(", ")}`;
}
