import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "./hint.js";
import { resolveSecret, scopeText, viewSecrets } from "./secret-view.js";

export const deleteSecret = defineTool({
  name: "delete_secret",
  title: "Delete a secret",
  description: "Delete a secret and its encrypted value for good; runs that need it fail from then on. Waits for approval.",
  domain: "cicd",
  input: z.object({
    secret: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the secret's name (like DEPLOY_TOKEN) or id", extract: "name", cues: ["secret", "delete secret", "remove secret", "called", "named"] })),
  }),
  output: z.object({ id: z.string(), name: z.string(), scope: z.string() }),
  effect: "destructive",
  reads: ["Environment"],
  writes: ["Secret"],
  examples: [
    "Delete secret LEGACY_API_TOKEN",
    "Remove the secret OLD_DATABASE_URL",
    "Delete the STAGING_SSH_KEY secret",
    "Get rid of secret TEMP_TOKEN",
    "Delete the secret called STRIPE_TEST_KEY",
  ],
  keywords: ["delete", "remove", "drop", "get rid of", "secret", "credential"],
  prepare: async (input, ctx) => {
    const stored = await resolveSecret(ctx.store, input.secret);
    const [view] = await viewSecrets(ctx.store, [stored], ctx.clock.now());
    return `Delete secret ${view!.name} (${scopeText(view!)}) and its value for good; runs that use it will fail`;
  },
  run: async (input, ctx) => {
    const stored = await resolveSecret(ctx.store, input.secret);
    const [view] = await viewSecrets(ctx.store, [stored], ctx.clock.now());
    if (!(await ctx.store.delete("Secret", stored.secret.id))) throw new ToolError("NOT_FOUND", `Secret ${stored.secret.name} is already gone`);
    return { id: stored.secret.id, name: stored.secret.name, scope: scopeText(view!) };
  },
  reply: (o) => `Deleted secret ${o.name} (${o.scope}) and its value.`,
});
