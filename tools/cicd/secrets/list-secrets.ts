import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "./hint.js";
import { resolveScope } from "./scope.js";
import { secretLine, SecretState, storedSecrets, viewSecrets, SecretView } from "./secret-view.js";

export const listSecrets = defineTool({
  name: "list_secrets",
  title: "List secrets",
  description:
    "List the workspace's secrets: names, the environments that may use them, versions, expiry and rotation dates, and which are expired, expiring within 30 days, due for rotation (value older than 90 days) or still without a value. Never shows values.",
  domain: "cicd",
  input: z.object({
    environment: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only secrets usable in this environment (name or id)", extract: "name", cues: ["for", "in", "of", "environment", "scoped to"] })),
    state: SecretState.optional().meta(
      hint({
        description: "only secrets in this state",
        extract: "enum",
        cues: ["that are", "which are", "only"],
        aliases: { "without a value": "no_value", "without value": "no_value", "no value": "no_value", "about to expire": "expiring" },
      }),
    ),
  }),
  output: z.object({ secrets: z.array(SecretView), environment: z.string().nullable(), state: SecretState.nullable() }),
  effect: "read",
  idempotent: true,
  reads: ["Secret", "Environment"],
  examples: [
    "List secrets",
    "Show the secrets for production",
    "Which secrets are expiring?",
    "What secrets are in staging?",
    "Show expired secrets",
    "List secrets without a value",
  ],
  keywords: ["secrets", "secret", "credentials", "tokens", "list", "show", "expiring", "expired", "rotation"],
  run: async (input, ctx) => {
    const scope = input.environment ? await resolveScope(ctx.store, input.environment, "environment") : undefined;
    const env = scope && !scope.all ? scope.environments[0] : undefined;
    const views = await viewSecrets(ctx.store, await storedSecrets(ctx.store), ctx.clock.now());
    const secrets = views.filter(
      (v) => (!env || v.all_environments || v.environments.some((e) => e.id === env.id)) && (!input.state || v.state === input.state),
    );
    return { secrets, environment: env?.name ?? null, state: input.state ?? null };
  },
  reply: (o) => {
    const what = [o.state ? o.state.replace("_", " ") : null, "secrets"].filter(Boolean).join(" ");
    const scope = o.environment ? ` usable in ${o.environment}` : "";
    if (o.secrets.length === 0) return `There are no ${what}${scope}.`;
    return `${what[0]!.toUpperCase()}${what.slice(1)}${scope} (${o.secrets.length}):\n${o.secrets.map(secretLine).join("\n")}`;
  },
});
