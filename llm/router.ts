import { readLlmEnv, type Env } from "./config.js";
import type { OrchestrateResponse } from "./contract.js";
import { LlmError } from "./errors.js";
import { listWorkspaceLlmKeys, removeWorkspaceLlmKey, setWorkspaceLlmKey, type WorkspaceKeyInfo } from "./keys/workspace-keys.js";
import { consoleLogger, type LlmLogger } from "./log.js";
import { orchestrate } from "./orchestrate.js";
import { createProviderModel } from "./providers/create.js";
import { parseProvider, type ProviderName, type RemoteProvider } from "./providers/names.js";
import { RoutedChatModel } from "./routed-model.js";
import { DEFAULT_RETRY, sleep, type RetryPolicy } from "./routing/backoff.js";
import type { ModelChoice } from "./routing/choice.js";
import { createCooldowns, DEFAULT_COOLDOWN, type CooldownPolicy } from "./routing/cooldown.js";
import { createDispatcher, type DispatcherDeps } from "./routing/dispatch.js";
import { createWorkspaceConfigs } from "./routing/workspace-config.js";
import { llmStore, type LlmStoreDeps } from "./store.js";
import { loadPricing, type PricingTable } from "./usage/pricing.js";
import { usageTotals, type UsageScope, type UsageTotals } from "./usage/totals.js";

export interface LlmRouterOptions {
  /** Where keys, endpoints and the default provider come from (default: process.env). */
  env?: Env;
  /**
   * The entity store: workspace settings and budgets, workspace keys, usage rows. Without it
   * the router routes by the environment alone and records nothing.
   */
  store?: LlmStoreDeps;
  /**
   * Also write a usage row for each call the local provider answers. Off by default: such a
   * call has no tokens and no cost, and the row would be the largest cost of a local turn.
   */
  recordLocalCalls?: boolean;
  /** The platform's own choice (`--provider`, `--model`), above the environment. */
  provider?: string;
  model?: string;
  /** The endpoint of `provider` (`--base-url`), above OPENAI_BASE_URL / ANTHROPIC_BASE_URL. */
  baseURL?: string;
  /** Provider and model per agent name, below the workspace's own per-agent settings. */
  agents?: Readonly<Record<string, ModelChoice>>;
  /** Providers to fall back on, in order (default: the other remote providers that have a key). */
  fallback?: readonly string[];
  retry?: Partial<RetryPolicy>;
  cooldown?: Partial<CooldownPolicy>;
  /** Deadline of one attempt against one provider, streaming included (default 60 s). */
  timeoutMs?: number;
  /** How long a workspace's model settings and key list are reused before being read again (default 1 s; 0: every call). */
  workspaceCacheMs?: number;
  pricing?: PricingTable;
  logger?: LlmLogger;
  /** Seams for tests: waiting, jitter, wall-clock time, and the provider models. */
  sleep?: DispatcherDeps["sleep"];
  random?: () => number;
  now?: () => number;
  createModel?: DispatcherDeps["createModel"];
}

export interface LlmRouter {
  /** The chat model for the graph: bind tools and pass `{ llm: LlmContext }` in the call options. */
  readonly model: RoutedChatModel;
  /** Seed 004 §1.3: a request in, the success or error shape out. */
  orchestrate(request: unknown, options?: { signal?: AbortSignal }): Promise<OrchestrateResponse>;
  /** Calls, tokens and cost of a thread, a run or a request. */
  usageTotals(workspaceId: string, scope: UsageScope): Promise<UsageTotals>;
  /** A workspace's own provider keys, stored sealed; only previews come back. */
  readonly keys: {
    set(workspaceId: string, provider: string, key: string): Promise<WorkspaceKeyInfo>;
    list(workspaceId: string): Promise<WorkspaceKeyInfo[]>;
    remove(workspaceId: string, provider: string): Promise<boolean>;
  };
}

function providerOption(name: string, what: string): ProviderName {
  const provider = parseProvider(name);
  if (!provider) throw new LlmError("INVALID_REQUEST", `${what} ${name} is not a provider; use local, openai or anthropic`);
  return provider;
}

function remoteProvider(name: string): RemoteProvider {
  const provider = providerOption(name, "provider");
  if (provider === "local") throw new LlmError("INVALID_REQUEST", "the local provider takes no key");
  return provider;
}

/** Builds the orchestration layer: one per process (or per evaluation case), holding the key cooldowns. */
export function createLlmRouter(options: LlmRouterOptions = {}): LlmRouter {
  const now = options.now ?? Date.now;
  const provider = options.provider === undefined ? undefined : providerOption(options.provider, "provider");
  const logger = options.logger ?? consoleLogger;
  const workspaces = createWorkspaceConfigs({ ttlMs: options.workspaceCacheMs ?? 1000, now, logger });
  const dispatcher = createDispatcher({
    env: readLlmEnv(options.env ?? process.env),
    platform: { provider, model: options.model, baseURL: options.baseURL },
    agents: options.agents ?? {},
    fallback: options.fallback?.map((p) => providerOption(p, "fallback provider")),
    store: options.store,
    recordLocalCalls: options.recordLocalCalls ?? false,
    workspaces,
    pricing: options.pricing ?? loadPricing(),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    cooldowns: createCooldowns({ ...DEFAULT_COOLDOWN, ...options.cooldown }, now),
    timeoutMs: options.timeoutMs ?? 60_000,
    logger,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now,
    createModel: options.createModel ?? createProviderModel,
  });

  function storeOf(workspaceId: string) {
    if (!options.store) throw new Error("this router has no store: create it with `store` to keep usage and workspace keys");
    return llmStore(options.store, workspaceId);
  }

  return {
    model: new RoutedChatModel(dispatcher),
    orchestrate: (request, opts) => orchestrate(dispatcher, request, opts),
    usageTotals: (workspaceId, scope) => usageTotals(storeOf(workspaceId), scope),
    keys: {
      async set(workspaceId, name, key) {
        const info = await setWorkspaceLlmKey(storeOf(workspaceId), remoteProvider(name), key);
        workspaces.forget(workspaceId);
        return info;
      },
      list: (workspaceId) => listWorkspaceLlmKeys(storeOf(workspaceId)),
      async remove(workspaceId, name) {
        const removed = await removeWorkspaceLlmKey(storeOf(workspaceId), remoteProvider(name));
        workspaces.forget(workspaceId);
        return removed;
      },
    },
  };
}
