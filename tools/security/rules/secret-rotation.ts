import type { Entities } from "../../../entities/index.js";
import type { ScanInputs } from "../scans/inputs.js";
import { DAY_MS, daysSince, isoDate } from "../time.js";
import { makeFinding, type ScanFinding } from "./finding.js";

export const ROTATION_DAYS = 90;

/** When the secret's value was last set: its last rotation, or its creation if never rotated. */
export function rotatedSince(secret: Entities["Secret"]): string {
  return secret.last_rotated_at ?? secret.created_at;
}

/** Due for rotation: last rotated (or, never rotated, created) more than `days` days ago. */
export function isStale(secret: Entities["Secret"], now: Date, days = ROTATION_DAYS): boolean {
  return Date.parse(rotatedSince(secret)) < now.getTime() - days * DAY_MS;
}

export function describeRotation(secret: Entities["Secret"], now: Date): string {
  const age = daysSince(rotatedSince(secret), now);
  return secret.last_rotated_at
    ? `last rotated ${age} days ago (${isoDate(secret.last_rotated_at)})`
    : `never rotated since it was created ${age} days ago (${isoDate(secret.created_at)})`;
}

export function checkSecretRotation(inputs: ScanInputs): ScanFinding[] {
  return inputs.secrets
    .filter((s) => isStale(s, inputs.now))
    .map((s) =>
      makeFinding({
        rule: "secret_not_rotated",
        where: `secret ${s.name}`,
        description: `Secret ${s.name} was ${describeRotation(s, inputs.now)}; the policy is at least every ${ROTATION_DAYS} days.`,
      }),
    );
}
