import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { chatValue, refuseChatValue, setCommand } from "./chat-value.js";
import { expiryFields, expiryOf } from "./expiry.js";
import { hint } from "./hint.js";
import { resolveScope, scopeIds } from "./scope.js";
import { secretName } from "./secret-name.js";
import { scopeText, storedSecrets, viewSecrets, SecretView } from "./secret-view.js";

const environmentsField = z
  .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)])
  .meta(
    hint({
      description: 'the environments that may use the secret, by name or id ("staging and production"), or "all"',
      extract: "text",
      cues: ["for environments", "for environment", "scoped to", "in environments", "available to", "for", "in"],
    }),
  );

export const createSecret = defineTool({
  name: "create_secret",
  title: "Create a secret",
  description:
    "Declare an encrypted secret (an environment variable for pipeline runs) scoped to environments, optionally expiring. Its value is never accepted in chat: it is set from a terminal with `flashfusion secrets set NAME`.",
  domain: "cicd",
  input: z.object({
    name: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the secret's name, like DEPLOY_TOKEN", extract: "name", cues: ["secret", "called", "named", "create secret", "add secret"] })),
    environments: environmentsField,
    ...expiryFields,
    value: chatValue(),
  }),
  output: SecretView.extend({ set_value_with: z.string() }),
  effect: "write",
  reads: ["Environment"],
  writes: ["Secret"],
  examples: [
    "Create secret DEPLOY_TOKEN for staging and production",
    "Add a secret NPM_TOKEN for all environments, expiring in 90 days",
    "Create a secret called SENTRY_DSN scoped to production, expires 2026-12-31",
    "New secret SLACK_WEBHOOK_URL for staging",
    "Create secret STRIPE_API_KEY for production, valid for 30 days",
  ],
  keywords: ["secret", "secrets", "credential", "token", "password", "env var", "environment variable", "create", "add", "new"],
  run: async (input, ctx) => {
    const name = secretName(input.name);
    refuseChatValue(input.value, name);
    const scope = await resolveScope(ctx.store, input.environments);
    const expires_at = expiryOf(input, ctx.clock.now()) ?? null;
    if ((await storedSecrets(ctx.store)).some((s) => s.secret.name === name)) {
      throw new ToolError("CONFLICT", `Secret ${name} already exists; rotate it, or set a new value with \`${setCommand(name)}\``, { field: "name" });
    }
    const secret = await ctx.store.insert("Secret", { name, environment_ids: scopeIds(scope), expires_at, version: 0, value: null });
    const [view] = await viewSecrets(ctx.store, [{ secret, hasValue: false }], ctx.clock.now());
    return { ...view!, set_value_with: setCommand(name) };
  },
  reply: (s) => {
    const expiry = s.expires_at ? `, expiring ${s.expires_at.slice(0, 10)}` : "";
    return `Created secret ${s.name} for ${scopeText(s)}${expiry}. It has no value yet: run \`${s.set_value_with}\` in a terminal and enter the value on standard input (values are never accepted in chat).`;
  },
});
