import type { Cipher } from "../../../entities/crypto.js";
import type { Clock } from "../../../entities/clock.js";
import type { Db } from "../../../entities/db.js";
import type { IdGenerator } from "../../../entities/ids.js";
import { Store, type EntityAccess } from "../../../entities/store.js";
import type { ToolContext } from "../../define.js";
import type { Services } from "../../services.js";
import type { AnyWorkflow, WorkflowRuntime } from "./types.js";

/** The engine's runtime inside a tool call (a tool with `atomic: false`). */
export function runtimeOf(ctx: ToolContext): WorkflowRuntime {
  return {
    store: ctx.store,
    transaction: (fn) => ctx.transaction(fn),
    services: ctx.services,
    clock: ctx.clock,
    ids: ctx.ids,
    actor: { id: ctx.actor.id, agent: ctx.agent ?? null, threadId: ctx.threadId ?? null },
  };
}

export interface EngineDeps {
  db: Db;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
  services: Services;
}

/**
 * The engine's runtime outside any call (recovery at start): the execution's workspace, its
 * actor, and no more entity access than the workflow declares.
 */
export function detachedRuntime(deps: EngineDeps, workspaceId: string, actorId: string | null, workflow?: AnyWorkflow): WorkflowRuntime {
  const access: EntityAccess | undefined = workflow
    ? { reads: new Set(workflow.reads), writes: new Set(workflow.writes) }
    : undefined;
  const store = new Store({ db: deps.db.kysely, cipher: deps.cipher, clock: deps.clock, ids: deps.ids }, workspaceId, access);
  return {
    store,
    transaction: (fn) => deps.db.kysely.transaction().execute((trx) => fn(store.with(trx))),
    services: deps.services,
    clock: deps.clock,
    ids: deps.ids,
    actor: { id: actorId, agent: null, threadId: null },
  };
}
