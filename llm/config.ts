import { LlmError } from "./errors.js";
import { parseProvider, type ProviderName, type RemoteProvider } from "./providers/names.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** What the environment says about models: the platform keys, endpoints and default choice. */
export interface LlmEnv {
  /** FLASHFUSION_PROVIDER. */
  provider?: ProviderName;
  /** FLASHFUSION_MODEL: the model of the default provider. */
  model?: string;
  /** OPENAI_API_KEY, ANTHROPIC_API_KEY: the platform's keys. */
  keys: Partial<Record<RemoteProvider, string>>;
  /** OPENAI_BASE_URL, ANTHROPIC_BASE_URL. */
  baseURLs: Partial<Record<RemoteProvider, string>>;
}

const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

export function readLlmEnv(env: Env = process.env): LlmEnv {
  const name = clean(env.FLASHFUSION_PROVIDER);
  const provider = name === undefined ? undefined : parseProvider(name);
  if (name !== undefined && !provider) {
    throw new LlmError("INVALID_REQUEST", `FLASHFUSION_PROVIDER=${name} is not a provider; use local, openai or anthropic`);
  }
  const keys: LlmEnv["keys"] = {};
  const baseURLs: LlmEnv["baseURLs"] = {};
  const openaiKey = clean(env.OPENAI_API_KEY);
  const anthropicKey = clean(env.ANTHROPIC_API_KEY);
  const openaiURL = clean(env.OPENAI_BASE_URL);
  const anthropicURL = clean(env.ANTHROPIC_BASE_URL);
  if (openaiKey) keys.openai = openaiKey;
  if (anthropicKey) keys.anthropic = anthropicKey;
  if (openaiURL) baseURLs.openai = openaiURL;
  if (anthropicURL) baseURLs.anthropic = anthropicURL;
  return { provider, model: clean(env.FLASHFUSION_MODEL), keys, baseURLs };
}
