import { randomBytes } from "node:crypto";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";
import { resolveScope, scopeIds } from "./scope.js";
import { secretName } from "./secret-name.js";
import { storedSecrets, viewSecrets, type Secret, type SecretView } from "./secret-view.js";

/** A fresh random value: 256 bits, base64url. */
export function generatedValue(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Seals a new value into a secret (version + 1, last_rotated_at now), as a compare-and-set on
 * the version it was read at, so two rotations never overwrite each other unseen.
 */
export async function replaceValue(
  store: Store,
  secret: Secret,
  value: string,
  patch: { expires_at?: string | null; environment_ids?: string[] } = {},
): Promise<Secret> {
  const updated = await store.update(
    "Secret",
    secret.id,
    { value, version: secret.version + 1, last_rotated_at: store.clock.now().toISOString(), ...patch },
    { version: secret.version },
  );
  if (!updated) throw new ToolError("CONFLICT", `Secret ${secret.name} changed while its value was being replaced; try again`);
  return updated;
}

export interface SetValueInput {
  name: string;
  /** The value, read from a terminal: never logged, never returned. */
  value: string;
  /** Environments by name or id ("staging,production", "all"); required for a new secret. */
  environments?: string;
  expiresAt?: string;
  actorId?: string | null;
}

/**
 * The terminal path (`flashfusion secrets set NAME`): creates the secret with its value, or
 * replaces the value of an existing one, and records it in the audit log — without the value.
 * Run it in a transaction.
 */
export async function setSecretValue(store: Store, input: SetValueInput): Promise<{ secret: SecretView; created: boolean }> {
  const name = secretName(input.name);
  if (input.value.length === 0) throw new ToolError("VALIDATION", "The value is empty; nothing was stored", { field: "value" });
  const scope = input.environments !== undefined ? await resolveScope(store, input.environments, "env") : undefined;
  const existing = (await storedSecrets(store)).find((s) => s.secret.name === name)?.secret;
  let secret: Secret;
  if (existing) {
    secret = await replaceValue(store, existing, input.value, {
      ...(scope ? { environment_ids: scopeIds(scope) } : {}),
      ...(input.expiresAt ? { expires_at: input.expiresAt } : {}),
    });
  } else {
    if (!scope) {
      throw new ToolError("VALIDATION", `${name} is a new secret: say which environments may use it (--env staging,production or --env all)`, { field: "env" });
    }
    secret = await store.insert("Secret", {
      name,
      environment_ids: scopeIds(scope),
      expires_at: input.expiresAt ?? null,
      last_rotated_at: store.clock.now().toISOString(),
      version: 1,
      value: input.value,
    });
  }
  await store.insert("AuditLog", {
    event_type: "secret",
    action: "secrets.set",
    status: "success",
    actor_id: input.actorId ?? null,
    entity_type: "Secret",
    entity_id: secret.id,
    details: { name, version: secret.version, created: !existing, via: "cli" },
  });
  const [view] = await viewSecrets(store, [{ secret, hasValue: true }], store.clock.now());
  return { secret: view!, created: !existing };
}
