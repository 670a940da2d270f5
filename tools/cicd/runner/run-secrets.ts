import type { Store } from "../../../entities/store.js";

export interface RunSecrets {
  values: { name: string; value: string }[];
  /** Secrets left out and why (expired, no value): said in the log, never the value. */
  notes: string[];
}

/**
 * The decrypted secrets a run may use: those scoped to every environment (no environment ids),
 * and those scoped to the run's environment. Expired secrets are left out.
 */
export async function secretsForRun(store: Store, environmentId: string | null, now: Date): Promise<RunSecrets> {
  const out: RunSecrets = { values: [], notes: [] };
  for (const secret of await store.find("Secret", {}, { orderBy: "name" })) {
    const scoped = secret.environment_ids.length === 0 || (environmentId !== null && secret.environment_ids.includes(environmentId));
    if (!scoped) continue;
    if (secret.expires_at && Date.parse(secret.expires_at) <= now.getTime()) {
      out.notes.push(`secret ${secret.name} expired on ${secret.expires_at.slice(0, 10)}; not provided`);
      continue;
    }
    const value = await store.reveal("Secret", secret.id, "value");
    if (value === null || value === "") {
      out.notes.push(`secret ${secret.name} has no value; not provided`);
      continue;
    }
    out.values.push({ name: secret.name, value });
  }
  return out;
}
