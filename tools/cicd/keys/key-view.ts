import { z } from "zod";
import { API_KEY_PERMISSIONS } from "../../../entities/catalog/security.js";
import type { Entities } from "../../../entities/index.js";

type Key = Entities["APIKey"];

export const KEY_STATES = ["active", "expiring", "expired", "revoked"] as const;
/** A key is "expiring" when it is not revoked and expires within this many days (ENTITIES.md). */
export const EXPIRING_DAYS = 30;
const DAY = 86_400_000;

/** An API key as the tools answer it: never its hash, only its preview. */
export const KeyView = z.object({
  id: z.string(),
  name: z.string(),
  key_preview: z.string(),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)),
  pipeline_ids: z.array(z.string()),
  state: z.enum(KEY_STATES),
  expires_at: z.string().nullable(),
  usage_count: z.number().int(),
  last_used: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type KeyView = z.infer<typeof KeyView>;

export function keyState(k: Pick<Key, "revoked_at" | "expires_at">, now: Date): KeyView["state"] {
  if (k.revoked_at) return "revoked";
  if (!k.expires_at) return "active";
  const left = Date.parse(k.expires_at) - now.getTime();
  if (left <= 0) return "expired";
  return left <= EXPIRING_DAYS * DAY ? "expiring" : "active";
}

export function viewKey(k: Key, now: Date): KeyView {
  return {
    id: k.id,
    name: k.name,
    key_preview: k.key_preview,
    permissions: k.permissions,
    pipeline_ids: k.pipeline_ids,
    state: keyState(k, now),
    expires_at: k.expires_at,
    usage_count: k.usage_count,
    last_used: k.last_used,
    revoked_at: k.revoked_at,
    created_at: k.created_at,
  };
}

export function keyLine(k: KeyView): string {
  const scope = k.pipeline_ids.length ? `; pipelines ${k.pipeline_ids.join(", ")}` : "";
  const when =
    k.state === "revoked"
      ? `revoked ${k.revoked_at!.slice(0, 10)}`
      : k.expires_at
        ? `${k.state === "expired" ? "expired" : "expires"} ${k.expires_at.slice(0, 10)}`
        : "never expires";
  const use = k.usage_count ? `, used ${k.usage_count} time${k.usage_count === 1 ? "" : "s"}${k.last_used ? `, last ${k.last_used.slice(0, 10)}` : ""}` : ", never used";
  return `- ${k.name} (${k.key_preview}, ${k.id}): ${k.state}, ${when}; ${k.permissions.join(", ") || "no permissions"}${scope}${use}`;
}
