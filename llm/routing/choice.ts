import { z } from "zod";
import type { LlmLogger } from "../log.js";
import { parseProvider, type ProviderName } from "../providers/names.js";

/** A provider and/or model named somewhere: a request, an agent, a workspace, the platform. */
export interface ModelChoice {
  provider?: ProviderName;
  model?: string;
}

const providerName = z.string().transform((name, ctx) => {
  const provider = parseProvider(name);
  if (!provider) {
    ctx.addIssue({ code: "custom", message: `${name} is not a provider (local, openai, anthropic)` });
    return z.NEVER;
  }
  return provider;
});

const Choice = z.object({ provider: providerName.optional(), model: z.string().min(1).optional() });

/**
 * `Workspace.settings.llm`: the workspace's provider and model, per agent if it likes, and the
 * order of providers to fall back on.
 */
export const WorkspaceLlmSettings = Choice.extend({
  fallback: z.array(providerName).optional(),
  agents: z.record(z.string(), Choice).optional(),
});
export type WorkspaceLlmSettings = z.infer<typeof WorkspaceLlmSettings>;

/** The workspace's model settings; malformed ones are reported and ignored rather than failing every call. */
export function workspaceLlmSettings(settings: Record<string, unknown>, workspaceId: string, logger: LlmLogger): WorkspaceLlmSettings {
  if (settings.llm === undefined) return {};
  const parsed = WorkspaceLlmSettings.safeParse(settings.llm);
  if (parsed.success) return parsed.data;
  logger.warn(`workspace ${workspaceId} has malformed settings.llm; they are ignored`, {
    issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
  });
  return {};
}
