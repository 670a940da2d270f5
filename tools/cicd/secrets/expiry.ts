import { z } from "zod";
import { ToolError } from "../../errors.js";
import { hint } from "./hint.js";

const DAY = 86_400_000;

/** The two ways to say when a secret expires: a date, or a number of days from now. */
export const expiryFields = {
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .meta(hint({ description: "when the secret expires, ISO 8601", extract: "datetime", cues: ["expires", "expiring", "expires on", "expire on", "until", "valid until"] })),
  expires_in_days: z
    .number()
    .int()
    .positive()
    .max(3650)
    .optional()
    .meta(
      hint({
        description: "days from now until the secret expires",
        extract: "duration",
        unit: "days",
        cues: ["expires in", "expiring in", "expire in", "valid for", "expires after"],
      }),
    ),
};

/** The expiry the input asks for (ISO), or undefined when it names none. Must lie in the future. */
export function expiryOf(input: { expires_at?: string; expires_in_days?: number }, now: Date): string | undefined {
  if (input.expires_at && input.expires_in_days) {
    throw new ToolError("VALIDATION", "Give either an expiry date or a number of days, not both", { field: "expires_at" });
  }
  const at = input.expires_at ? new Date(input.expires_at) : input.expires_in_days ? new Date(now.getTime() + input.expires_in_days * DAY) : undefined;
  if (!at) return undefined;
  if (at.getTime() <= now.getTime()) {
    throw new ToolError("VALIDATION", `The expiry ${at.toISOString().slice(0, 10)} is not in the future; give a later date`, { field: "expires_at", ask: true });
  }
  return at.toISOString();
}
