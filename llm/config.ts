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
  /**
   * FLASHFUSION_LOCAL_TOKEN_DELAY_MS: a pause between the local provider's reply chunks, so a
   * streaming client (the widget, a demo) shows the reply growing as a model's would. Off (0)
   * unless set; at most 2000.
   */
  localTokenDelayMs: number;
}

const MAX_TOKEN_DELAY_MS = 2000;

function tokenDelay(value: string | undefined): number {
  if (value === undefined) return 0;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > MAX_TOKEN_DELAY_MS) {
    throw new LlmError("INVALID_REQUEST", `FLASHFUSION_LOCAL_TOKEN_DELAY_MS must be whole milliseconds from 0 to ${MAX_TOKEN_DELAY_MS}, not ${value}`);
  }
  return ms;
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
  return { provider, model: clean(env.FLASHFUSION_MODEL), keys, baseURLs, localTokenDelayMs: tokenDelay(clean(env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS)) };
}
