import { createHash } from "node:crypto";
import { LlmError } from "../errors.js";
import { DEFAULT_MODELS, isRemote, providerOfModel, REMOTE_PROVIDERS, type ProviderName, type RemoteProvider } from "../providers/names.js";
import type { ModelChoice } from "./choice.js";

/** Where a choice came from, most specific first. */
export type ChoiceLevel = "request" | "agent" | "workspace" | "platform" | "environment" | "default" | "fallback";

/**
 * The key a target is called with. A platform key is at hand; a workspace key is named by its
 * row and opened only for the call that uses it. The slot names the (provider, key) pair for
 * cooldowns without holding the key: a workspace's key always rests apart from the platform's.
 */
export type TargetKey =
  | { source: "platform"; value: string; slot: string }
  | { source: "workspace"; id: string; slot: string };

/** One provider and model to try, with the key and endpoint to call it with. */
export interface Target {
  provider: ProviderName;
  model: string;
  chosenBy: ChoiceLevel;
  key?: TargetKey;
  baseURL?: string;
}

export interface PlanInput {
  /** The choices in precedence order: request, agent (workspace's, then platform's), workspace, platform, environment. */
  levels: readonly (readonly [ChoiceLevel, ModelChoice])[];
  /** The providers to fall back on, in order; by default the other remote providers that have a key. */
  fallback?: readonly ProviderName[];
  /** The workspace's own keys, by provider: the id of their sealed row. */
  workspaceKeys: Partial<Record<RemoteProvider, string>>;
  platformKeys: Partial<Record<RemoteProvider, string>>;
  baseURLs: Partial<Record<RemoteProvider, string>>;
}

const ENV_KEY: Readonly<Record<RemoteProvider, string>> = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY" };

function providerOf(choice: ModelChoice): ProviderName | undefined {
  return choice.provider ?? (choice.model ? providerOfModel(choice.model) : undefined);
}

/** The model the levels name for a provider, if any does. */
function modelFor(provider: ProviderName, levels: PlanInput["levels"]): string | undefined {
  return levels.find(([, c]) => c.model && providerOf(c) === provider)?.[1].model;
}

/** A workspace's own key replaces the platform's for that workspace; it never falls back to it. */
function keyFor(provider: RemoteProvider, input: PlanInput): TargetKey | undefined {
  const own = input.workspaceKeys[provider];
  if (own) return { source: "workspace", id: own, slot: `${provider}:workspace:${own}` };
  const value = input.platformKeys[provider];
  if (!value) return undefined;
  const fingerprint = createHash("sha256").update(value).digest("hex").slice(0, 16);
  return { source: "platform", value, slot: `${provider}:platform:${fingerprint}` };
}

function target(provider: ProviderName, model: string, chosenBy: ChoiceLevel, input: PlanInput): Target | undefined {
  if (!isRemote(provider)) return { provider, model, chosenBy };
  const key = keyFor(provider, input);
  if (!key) return undefined;
  return { provider, model, chosenBy, key, baseURL: input.baseURLs[provider] };
}

/** The first level that names a provider or a model decides; a bare model names its provider when its name says so. */
function primaryChoice(input: PlanInput): { provider: ProviderName; model: string; chosenBy: ChoiceLevel } {
  const { levels } = input;
  for (const [i, [level, choice]] of levels.entries()) {
    if (!choice.provider && !choice.model) continue;
    const lower = levels.slice(i + 1);
    const provider = providerOf(choice) ?? lower.map(([, c]) => providerOf(c)).find(Boolean) ?? autoProvider(input);
    return { provider, model: choice.model ?? modelFor(provider, lower) ?? DEFAULT_MODELS[provider], chosenBy: level };
  }
  const provider = autoProvider(input);
  return { provider, model: modelFor(provider, levels) ?? DEFAULT_MODELS[provider], chosenBy: "default" };
}

/** Nobody chose: the first remote provider with a key, else the local one. */
function autoProvider(input: PlanInput): ProviderName {
  return REMOTE_PROVIDERS.find((p) => keyFor(p, input)) ?? "local";
}

/**
 * The providers to try, in order: the chosen one, then the fallbacks that have a key. Throws
 * INVALID_REQUEST when the chosen provider has no key at all.
 */
export function planTargets(input: PlanInput): Target[] {
  const primary = primaryChoice(input);
  const first = target(primary.provider, primary.model, primary.chosenBy, input);
  if (!first) {
    const p = primary.provider as RemoteProvider;
    throw new LlmError("INVALID_REQUEST", `${p} was chosen (by the ${primary.chosenBy} settings) but has no API key: set ${ENV_KEY[p]} or add a workspace key for ${p}`, {
      provider: p,
      model: primary.model,
    });
  }
  const chain = [first];
  const order = input.fallback ?? (isRemote(primary.provider) ? REMOTE_PROVIDERS : []);
  for (const provider of order) {
    if (chain.some((t) => t.provider === provider)) continue;
    const levels = input.levels.filter(([level]) => level !== "request");
    const next = target(provider, modelFor(provider, levels) ?? DEFAULT_MODELS[provider], "fallback", input);
    if (next) chain.push(next);
  }
  return chain;
}
