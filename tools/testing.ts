import { fixedClock } from "../entities/clock.js";
import type { Db } from "../entities/db.js";
import { seededIds } from "../entities/ids.js";
import type { Entities } from "../entities/index.js";
import { openTestDb } from "../entities/scratch.js";
import type { Store } from "../entities/store.js";
import { DEFAULT_WORKSPACE_ID, ensureWorkspace } from "../entities/workspace.js";
import { createCore, type Core } from "./core.js";
import type { Actor, AnyTool, Role } from "./define.js";
import { callTool, decideApproval, storeFor, type Caller, type ToolOutcome } from "./door.js";
import { allTools } from "./index.js";
import { createRegistry } from "./registry.js";
import type { Services } from "./services.js";

export const TEST_SECRET_KEY = `1:${Buffer.alloc(32, 7).toString("base64")}`;

export interface TestKit {
  db: Db;
  /** The door's dependencies and the services (started). */
  deps: Core;
  /** The default workspace's store. */
  store: Store;
  actor: Actor;
  storeOf(workspaceId: string): Promise<Store>;
  /** Calls a tool as the actor (or as `caller` overrides say). */
  call(name: string, input: unknown, caller?: Partial<Caller>): Promise<ToolOutcome>;
  /** Calls a destructive tool, approves the request and calls again with the approval. */
  callApproved(name: string, input: unknown, caller?: Partial<Caller>): Promise<ToolOutcome>;
  userWithRole(role: Role, id?: string): Promise<Actor>;
  close(): Promise<void>;
}

/**
 * A scratch database (in memory, or a fresh PostgreSQL database under the vitest `postgres`
 * project) with the default workspace and an admin actor (`usr_actor`), the door
 * around it, a frozen clock and deterministic ids: the fixture every tool test starts from.
 */
export async function createTestKit(options: { now?: string; tools?: readonly AnyTool[]; services?: Partial<Services>; file?: string } = {}): Promise<TestKit> {
  const db = await openTestDb({ file: options.file });
  const clock = fixedClock(options.now ?? "2026-03-10T09:00:00Z");
  const deps = createCore({
    db,
    secretKey: TEST_SECRET_KEY,
    registry: createRegistry(options.tools ?? allTools),
    clock,
    ids: seededIds(42),
    services: options.services,
  });
  await ensureWorkspace(db.kysely, DEFAULT_WORKSPACE_ID, "Default", clock.now());
  await deps.start();
  const store = storeFor(deps, DEFAULT_WORKSPACE_ID);
  const toActor = (u: Entities["User"]): Actor => ({ id: u.id, role: u.role, email: u.email, full_name: u.full_name });
  const actor = toActor(
    await store.insert("User", { id: "usr_actor", email: "actor@example.com", full_name: "Actor", role: "admin" }),
  );
  const callerOf = (extra: Partial<Caller> = {}): Caller => ({ workspaceId: DEFAULT_WORKSPACE_ID, actor, ...extra });
  const kit: TestKit = {
    db,
    deps,
    store,
    actor,
    async storeOf(workspaceId) {
      await ensureWorkspace(db.kysely, workspaceId, workspaceId, clock.now());
      return storeFor(deps, workspaceId);
    },
    call: (name, input, caller) => callTool(deps, name, input, callerOf(caller)),
    async callApproved(name, input, caller) {
      const first = await callTool(deps, name, input, callerOf(caller));
      if (first.status !== "approval_required") return first;
      await decideApproval(deps, callerOf(caller), first.approval.id, true);
      return callTool(deps, name, input, callerOf({ ...caller, approvalId: first.approval.id }));
    },
    async userWithRole(role, id = `usr_${role}`) {
      const existing = await store.get("User", id);
      return toActor(existing ?? (await store.insert("User", { id, email: `${id}@example.com`, full_name: role, role })));
    },
    close: async () => {
      await deps.services.background.settle(10_000);
      await deps.stop();
      await db.close();
    },
  };
  return kit;
}
