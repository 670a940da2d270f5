import type { Kysely } from "kysely";
import type { DB } from "./db.js";

export const DEFAULT_WORKSPACE_ID = "ws_default";

/** Creates the workspace row when it is missing (a workspace's own row carries its id twice). */
export async function ensureWorkspace(db: Kysely<DB>, id: string, name = id, at = new Date()): Promise<void> {
  const existing = await db.selectFrom("workspaces").select("id").where("id", "=", id).executeTakeFirst();
  if (existing) return;
  const now = at.toISOString();
  await db
    .insertInto("workspaces")
    .values({ id, workspace_id: id, created_at: now, updated_at: now, name, llm_budget_usd: null, settings: "{}" })
    .execute();
}
