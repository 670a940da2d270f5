/** Every provider the router can choose. `local` needs no key and no network. */
export const PROVIDERS = ["local", "openai", "anthropic"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** The providers behind an HTTP API and a key. */
export const REMOTE_PROVIDERS = ["openai", "anthropic"] as const;
export type RemoteProvider = (typeof REMOTE_PROVIDERS)[number];

/** Other names people use for a provider (the seed says `claude`). */
const ALIASES: Readonly<Record<string, ProviderName>> = { claude: "anthropic" };

/** The provider a name means, aliases and case forgiven; undefined for a name we do not serve. */
export function parseProvider(name: string): ProviderName | undefined {
  const key = name.trim().toLowerCase();
  if ((PROVIDERS as readonly string[]).includes(key)) return key as ProviderName;
  return ALIASES[key];
}

export function isRemote(provider: ProviderName): provider is RemoteProvider {
  return provider !== "local";
}

/** The model each provider answers with when nobody named one. */
export const DEFAULT_MODELS: Readonly<Record<ProviderName, string>> = {
  local: "flashfusion-local",
  openai: "gpt-4o-mini",
  anthropic: "claude-haiku-4-5",
};

/** The provider a model name belongs to, when its name says so. */
export function providerOfModel(model: string): ProviderName | undefined {
  if (/^(gpt-|o\d|chatgpt-)/i.test(model)) return "openai";
  if (/^claude-/i.test(model)) return "anthropic";
  if (model === DEFAULT_MODELS.local) return "local";
  return undefined;
}
