import { z } from "zod";
import { defineTool, type ToolContext } from "../../define.js";
import { chatValue, refuseChatValue, setCommand } from "./chat-value.js";
import { expiryFields, expiryOf } from "./expiry.js";
import { hint } from "./hint.js";
import { generatedValue, replaceValue } from "./secret-value.js";
import { resolveSecret, scopeText, viewSecrets, SecretView } from "./secret-view.js";

const Input = z.object({
  secret: z
    .string()
    .trim()
    .min(1)
    .meta(hint({ description: "the secret's name (like DEPLOY_TOKEN) or id", extract: "name", cues: ["secret", "rotate", "rotate secret", "regenerate", "called", "named"] })),
  ...expiryFields,
  value: chatValue(["to", "rotate to", "change to"]),
});

async function target(input: z.infer<typeof Input>, ctx: ToolContext) {
  const stored = await resolveSecret(ctx.store, input.secret);
  refuseChatValue(input.value, stored.secret.name);
  return { stored, expires_at: expiryOf(input, ctx.clock.now()) };
}

export const rotateSecret = defineTool({
  name: "rotate_secret",
  title: "Rotate a secret",
  description:
    "Replace a secret's value with a newly generated random one (256 bits, never shown) and optionally set a new expiry; the old value is discarded. For a value issued by another service, use `flashfusion secrets set NAME` in a terminal instead. Waits for approval.",
  domain: "cicd",
  input: Input,
  output: SecretView,
  effect: "destructive",
  reads: ["Environment"],
  writes: ["Secret"],
  examples: [
    "Rotate secret SESSION_SECRET",
    "Rotate the JWT_SIGNING_KEY secret and make it expire in 90 days",
    "Regenerate secret WEBHOOK_SIGNING_KEY",
    "Rotate COOKIE_SECRET, expires 2026-09-30",
    "Rotate the secret called API_SIGNING_KEY",
  ],
  keywords: ["rotate", "rotation", "regenerate", "renew", "roll", "change", "set", "update", "secret", "key"],
  prepare: async (input, ctx) => {
    const { stored, expires_at } = await target(input, ctx);
    const [view] = await viewSecrets(ctx.store, [stored], ctx.clock.now());
    const v = view!;
    const expiry = expires_at ? `, expiring ${expires_at.slice(0, 10)}` : "";
    const action = stored.hasValue
      ? `Replace the value of secret ${v.name} (version ${v.version}, ${scopeText(v)}) with a newly generated random value${expiry}; the current value is discarded`
      : `Give secret ${v.name} (${scopeText(v)}), which has no value yet, a newly generated random value${expiry}`;
    return `${action}. If the value comes from another service, set it with \`${setCommand(v.name)}\` instead`;
  },
  run: async (input, ctx) => {
    const { stored, expires_at } = await target(input, ctx);
    const secret = await replaceValue(ctx.store, stored.secret, generatedValue(), expires_at ? { expires_at } : {});
    const [view] = await viewSecrets(ctx.store, [{ secret, hasValue: true }], ctx.clock.now());
    return view!;
  },
  reply: (s) => {
    const expiry = s.expires_at ? ` It expires ${s.expires_at.slice(0, 10)}.` : "";
    return `Rotated secret ${s.name} (${scopeText(s)}): version ${s.version} holds a newly generated value, which is never shown; runs from now on use it.${expiry}`;
  },
});
