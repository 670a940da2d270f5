import type { ApiKeyPermission, Entities } from "../../../entities/index.js";
import type { ScanInputs } from "../scans/inputs.js";
import { DAY_MS, daysSince, isoDate } from "../time.js";
import { makeFinding, type ScanFinding } from "./finding.js";

/** The permissions over pipelines; a key holding all of them can do anything to any pipeline it reaches. */
export const PIPELINE_PERMISSIONS: readonly ApiKeyPermission[] = ["trigger_pipeline", "read_runs", "read_config", "webhook"];
export const UNUSED_KEY_DAYS = 90;

export function keyLabel(key: Entities["APIKey"]): string {
  return key.key_preview ? `API key ${key.name} (${key.key_preview})` : `API key ${key.name}`;
}

/** When the key was last used, or created if never used: the start of its idleness. */
export function idleSince(key: Entities["APIKey"]): string {
  return key.last_used ?? key.created_at;
}

export function isUnused(key: Entities["APIKey"], now: Date, days = UNUSED_KEY_DAYS): boolean {
  return Date.parse(idleSince(key)) < now.getTime() - days * DAY_MS;
}

export function checkApiKeys(inputs: ScanInputs): ScanFinding[] {
  const now = inputs.now;
  const findings: ScanFinding[] = [];
  for (const key of inputs.apiKeys.filter((k) => !k.revoked_at)) {
    const where = keyLabel(key);
    const expired = key.expires_at !== null && Date.parse(key.expires_at) <= now.getTime();
    if (key.expires_at === null) {
      findings.push(makeFinding({ rule: "api_key_no_expiry", where, description: `${where} has no expiry date: it stays valid until someone revokes it.` }));
    }
    if (PIPELINE_PERMISSIONS.every((p) => key.permissions.includes(p))) {
      const reach = key.pipeline_ids.length ? `${key.pipeline_ids.length} pipeline(s)` : "every pipeline";
      findings.push(
        makeFinding({
          rule: "api_key_all_permissions",
          where,
          description: `${where} holds every pipeline permission (${key.permissions.join(", ")}) on ${reach}.`,
        }),
      );
    }
    if (expired && key.last_used && Date.parse(key.last_used) > Date.parse(key.expires_at!)) {
      findings.push(
        makeFinding({
          rule: "api_key_used_after_expiry",
          where,
          description: `${where} expired on ${isoDate(key.expires_at!)} but was used on ${isoDate(key.last_used)}, and it is not revoked.`,
        }),
      );
    } else if (expired) {
      findings.push(
        makeFinding({ rule: "api_key_expired_active", where, description: `${where} expired on ${isoDate(key.expires_at!)} and is not revoked.` }),
      );
    } else if (isUnused(key, now)) {
      const idle = daysSince(idleSince(key), now);
      const what = key.last_used ? `was last used ${idle} days ago (${isoDate(key.last_used)})` : `has never been used since it was created ${idle} days ago`;
      findings.push(makeFinding({ rule: "api_key_unused", where, description: `${where} ${what}.` }));
    }
  }
  return findings;
}
