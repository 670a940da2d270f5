import type { Store } from "../../entities/store.js";
import type { RemoteProvider } from "../providers/names.js";
import { keyPreview } from "./redact.js";

/** What anyone may see of a workspace key. The key itself never leaves the store in clear but to a provider. */
export interface WorkspaceKeyInfo {
  provider: RemoteProvider;
  key_preview: string;
  updated_at: string;
}

const info = (row: { provider: RemoteProvider; key_preview: string; updated_at: string }): WorkspaceKeyInfo => ({
  provider: row.provider,
  key_preview: row.key_preview,
  updated_at: row.updated_at,
});

/** Stores (or replaces) the workspace's key for a provider, sealed with the store's AES-256-GCM cipher. */
export async function setWorkspaceLlmKey(store: Store, provider: RemoteProvider, key: string): Promise<WorkspaceKeyInfo> {
  const value = key.trim();
  if (!value) throw new Error("an API key may not be empty");
  const existing = await store.findOne("WorkspaceLlmKey", { provider });
  const row = existing
    ? await store.update("WorkspaceLlmKey", existing.id, { key: value, key_preview: keyPreview(value) })
    : await store.insert("WorkspaceLlmKey", { provider, key: value, key_preview: keyPreview(value) });
  return info(row!);
}

export async function listWorkspaceLlmKeys(store: Store): Promise<WorkspaceKeyInfo[]> {
  return (await store.find("WorkspaceLlmKey", {}, { orderBy: "provider" })).map(info);
}

export async function removeWorkspaceLlmKey(store: Store, provider: RemoteProvider): Promise<boolean> {
  const existing = await store.findOne("WorkspaceLlmKey", { provider });
  return existing ? store.delete("WorkspaceLlmKey", existing.id) : false;
}
