import type { Store } from "../../entities/store.js";
import { LlmError } from "../errors.js";
import type { LlmLogger } from "../log.js";
import type { RemoteProvider } from "../providers/names.js";
import { workspaceLlmSettings, type WorkspaceLlmSettings } from "./choice.js";

/** What routing needs of a workspace. No secret: its keys are named by row and opened per call. */
export interface WorkspaceLlmConfig {
  settings: WorkspaceLlmSettings;
  budgetUsd: number | null;
  /** Provider → id of the workspace's sealed key row. */
  keyIds: Partial<Record<RemoteProvider, string>>;
}

export interface WorkspaceConfigs {
  get(store: Store): Promise<WorkspaceLlmConfig>;
  /** Drops what is known of a workspace (its keys or settings changed). */
  forget(workspaceId: string): void;
}

const MAX_ENTRIES = 1000;

/**
 * Workspace settings, budgets and key ids, read at most once per `ttlMs` per workspace: a turn
 * makes several model calls, and each would read the same rows. A change made elsewhere shows
 * within `ttlMs`; one made through this router at once. `ttlMs` 0 reads every time.
 */
export function createWorkspaceConfigs(options: { ttlMs: number; now: () => number; logger: LlmLogger }): WorkspaceConfigs {
  const entries = new Map<string, { at: number; config: WorkspaceLlmConfig }>();

  async function read(store: Store): Promise<WorkspaceLlmConfig> {
    const workspace = await store.get("Workspace", store.workspaceId);
    if (!workspace) throw new LlmError("INVALID_REQUEST", `workspace ${store.workspaceId} not found`);
    const keyIds: WorkspaceLlmConfig["keyIds"] = {};
    for (const row of await store.find("WorkspaceLlmKey")) keyIds[row.provider] = row.id;
    return { settings: workspaceLlmSettings(workspace.settings, workspace.id, options.logger), budgetUsd: workspace.llm_budget_usd, keyIds };
  }

  return {
    async get(store) {
      const now = options.now();
      const hit = entries.get(store.workspaceId);
      if (hit && now - hit.at < options.ttlMs) return hit.config;
      const config = await read(store);
      if (options.ttlMs > 0) {
        entries.delete(store.workspaceId);
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(store.workspaceId, { at: now, config });
      }
      return config;
    },
    forget(workspaceId) {
      entries.delete(workspaceId);
    },
  };
}
