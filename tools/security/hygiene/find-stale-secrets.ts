import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { isStale, ROTATION_DAYS, rotatedSince } from "../rules/secret-rotation.js";
import { daysSince, isoDate } from "../time.js";
import { plural } from "./key-view.js";

const StaleSecret = z.object({
  id: z.string(),
  name: z.string(),
  last_rotated_at: z.string().nullable(),
  created_at: z.string(),
  days_since_rotation: z.number().int(),
});

export const findStaleSecrets = defineTool({
  name: "find_stale_secrets",
  title: "Find secrets due for rotation",
  description:
    "List the secrets not rotated for more than N days (default 90): last rotated more than N days ago, or never rotated since created more than N days ago. Never shows secret values.",
  domain: "security",
  input: z.object({
    days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(ROTATION_DAYS)
      .meta(hint({ description: "rotation age in days (default 90)", extract: "duration", unit: "days", cues: ["in", "for", "than", "over", "in the last", "older than"] })),
  }),
  output: z.object({ days: z.number().int(), secrets: z.array(StaleSecret) }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["Secret"],
  examples: [
    "Which secrets haven't been rotated in 90 days?",
    "Find secrets due for rotation",
    "List stale secrets",
    "Secrets not rotated for 6 months",
    "Show secrets older than 180 days",
  ],
  keywords: ["secrets", "rotated", "rotation", "rotate", "stale", "old", "due", "not rotated"],
  run: async (input, ctx) => {
    const now = ctx.clock.now();
    const secrets = (await ctx.store.find("Secret", {}, { orderBy: "name" }))
      .filter((s) => isStale(s, now, input.days))
      .map((s) => ({ id: s.id, name: s.name, last_rotated_at: s.last_rotated_at, created_at: s.created_at, days_since_rotation: daysSince(rotatedSince(s), now) }))
      .sort((a, b) => b.days_since_rotation - a.days_since_rotation);
    return { days: input.days, secrets };
  },
  reply: (o) => {
    if (!o.secrets.length) return `Every secret was rotated within the last ${plural(o.days, "day")}.`;
    const lines = o.secrets.map((s) =>
      s.last_rotated_at
        ? `- ${s.name}: last rotated ${isoDate(s.last_rotated_at)}, ${plural(s.days_since_rotation, "day")} ago`
        : `- ${s.name}: never rotated, created ${isoDate(s.created_at)}, ${plural(s.days_since_rotation, "day")} ago`,
    );
    return [`Secrets not rotated in the last ${plural(o.days, "day")} (${o.secrets.length}):`, ...lines].join("\n");
  },
});
