import { dbTargetOf, loadConfig } from "../entities/config.js";
import { openDb, type Db } from "../entities/db.js";
import { DEFAULT_WORKSPACE_ID, ensureWorkspace } from "../entities/workspace.js";
import { createRuntime } from "../graph/runtime.js";
import type { Runtime, Speaker } from "../graph/types.js";

export interface CliSession {
  runtime: Runtime;
  db: Db;
  speaker: Speaker;
  close(): Promise<void>;
}

/**
 * The runtime on the configured database, speaking as the workspace's first admin (or
 * FLASHFUSION_USER, an id or email). Creates the workspace and an admin when the database is new.
 */
export async function openSession(options: { file?: string; provider?: string; workspaceId?: string } = {}): Promise<CliSession> {
  const config = loadConfig();
  const db = await openDb(options.file ? { file: options.file } : dbTargetOf(config));
  const workspaceId = options.workspaceId ?? process.env.FLASHFUSION_WORKSPACE ?? DEFAULT_WORKSPACE_ID;
  await ensureWorkspace(db.kysely, workspaceId);
  const runtime = await createRuntime({ db, secretKey: config.secretKey, provider: options.provider ?? process.env.FLASHFUSION_PROVIDER });
  const users = db.kysely.selectFrom("users").selectAll().where("workspace_id", "=", workspaceId);
  const wanted = process.env.FLASHFUSION_USER;
  let user = wanted
    ? await users.where((eb) => eb.or([eb("id", "=", wanted), eb("email", "=", wanted)])).executeTakeFirst()
    : await users.where("role", "=", "admin").orderBy("created_at").executeTakeFirst();
  if (wanted && !user) throw new Error(`FLASHFUSION_USER ${wanted} is not a user of workspace ${workspaceId}`);
  if (!user) {
    const { storeFor } = await import("../tools/door.js");
    user = await storeFor(runtime.core, workspaceId).insert("User", { email: "admin@localhost", full_name: "Admin", role: "admin" });
  }
  return {
    runtime,
    db,
    speaker: { workspaceId, actorId: String(user.id) },
    async close() {
      await runtime.close();
      await db.close();
    },
  };
}
