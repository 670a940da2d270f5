import { isNulInText, isUniqueViolation } from "../entities/sql.js";
import { z } from "zod";
import type { ApiKeyPermission, Entities, EntityName } from "../entities/index.js";
import { canonicalJson, sha256Hex, type Cipher } from "../entities/crypto.js";
import type { Clock } from "../entities/clock.js";
import type { Db } from "../entities/db.js";
import type { IdGenerator } from "../entities/ids.js";
import { EntityAccessError, EntityNotFoundError, Store, type EntityAccess } from "../entities/store.js";
import { writeBehindOf } from "../entities/write-behind.js";
import { EntityInputError } from "../entities/define.js";
import { rolesOf, type Actor, type AnyTool, type AuditEntry, type ToolContext } from "./define.js";
import { ToolError, isToolError } from "./errors.js";
import type { ToolRegistry } from "./registry.js";
import type { Services } from "./services.js";
import { redactInput, splitOutput } from "./redact.js";

/** What the door needs from the runtime around it. */
export interface DoorDeps {
  db: Db;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
  registry: ToolRegistry;
  services: Services;
}

export interface Caller {
  workspaceId: string;
  actor: Actor;
  /** Set when the call comes with an API key: its permissions and pipeline scope apply. */
  apiKey?: { id: string; permissions: readonly ApiKeyPermission[]; pipeline_ids: readonly string[] };
  threadId?: string;
  toolCallId?: string;
  agent?: string;
  requestId?: string;
  /** Key under which the first result is kept and replayed (thread + tool call, or HTTP header). */
  idempotencyKey?: string;
  /** Until when the first result is replayed (ISO); kept forever when absent. */
  idempotencyExpiresAt?: string;
  /** The approval this call claims, for destructive tools. */
  approvalId?: string;
  signal?: AbortSignal;
}

export interface ApprovalRequest {
  id: string;
  tool: string;
  args: Record<string, unknown>;
  summary: string;
}

export type ToolOutcome =
  | {
      status: "ok";
      tool: string;
      /** The whole output, for the immediate caller only (it may hold values shown once). */
      output: unknown;
      reply: string;
      /** The output and reply with shown-once values replaced: what may be stored or sent to a model. */
      safeOutput: unknown;
      safeReply: string;
      /** For the person's screen now: charts kept, shown-once values replaced. */
      displayOutput: unknown;
      /** Values shown to the caller this once (a new API key, a signing secret), by output field. */
      shownOnce: Record<string, string>;
      replayed: boolean;
    }
  | { status: "approval_required"; tool: string; approval: ApprovalRequest };

export function argsHash(tool: string, args: unknown): string {
  return sha256Hex(`${tool}\u0000${canonicalJson(args)}`);
}

const accessByTool = new WeakMap<AnyTool, EntityAccess>();

/** A tool touches only the entities it declares; one that declares none touches none. */
function accessOf(tool: AnyTool): EntityAccess {
  let access = accessByTool.get(tool);
  if (!access) accessByTool.set(tool, (access = { reads: new Set(tool.reads ?? []), writes: new Set(tool.writes ?? []) }));
  return access;
}

/** The signal of a call that came without one: nothing aborts it (one for all: making one costs more than a point lookup). */
const NOT_ABORTED = new AbortController().signal;

function describeZodError(error: z.ZodError): { message: string; field?: string } {
  const issues = error.issues.map((i) => {
    const path = i.path.join(".");
    return path ? `${path}: ${i.message}` : i.message;
  });
  return { message: `Invalid arguments — ${issues.join("; ")}`, field: error.issues[0]?.path.join(".") || undefined };
}

/** Maps the store's and database's errors to the door's typed errors; others pass through. */
export function toToolError(e: unknown): unknown {
  if (isToolError(e)) return e;
  if (e instanceof EntityNotFoundError) return new ToolError("NOT_FOUND", e.message, { entity: e.entity });
  if (e instanceof EntityInputError) return new ToolError("VALIDATION", e.message, { field: e.field });
  if (e instanceof EntityAccessError) return new ToolError("FORBIDDEN", e.message);
  if (e instanceof z.ZodError) return new ToolError("VALIDATION", describeZodError(e).message);
  // Such a value matches no row and can be stored nowhere on PostgreSQL: a bad request, not a crash.
  if (isNulInText(e)) return new ToolError("VALIDATION", "a value contains a NUL character (\\u0000); remove it and try again");
  if (isUniqueViolation(e)) {
    return new ToolError("CONFLICT", "a row with the same unique value already exists");
  }
  return e;
}

/**
 * The tool door: every call from every door (chat, MCP, HTTP, evals) comes through here.
 * Input validated, caller authorised, destructive calls held for a matching approval, the work
 * done in one transaction with its audit row and idempotency record, output validated.
 */
export async function callTool(deps: DoorDeps, name: string, rawInput: unknown, caller: Caller): Promise<ToolOutcome> {
  const tool = deps.registry.get(name);
  const parsed = tool.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    await writeAudit(deps, caller, tool, { status: "refused", details: { error: "VALIDATION", message } });
    throw new ToolError("VALIDATION", message, { field });
  }
  const input = parsed.data as Record<string, unknown>;
  authorize(tool, caller);
  await checkPipelineScope(deps, tool, input, caller);

  // Only idempotency records and approvals compare calls; a plain read never needs the hash.
  const hash = caller.idempotencyKey || tool.effect === "destructive" ? argsHash(tool.name, input) : "";
  if (caller.idempotencyKey) {
    const replay = await findReplay(deps, caller, tool, hash);
    if (replay) return replay;
  }

  const needsApproval = tool.effect === "destructive" && (await checkNeedsApproval(deps, tool, input, caller));
  if (needsApproval && !caller.approvalId) return requestApproval(deps, tool, input, hash, caller);

  try {
    const outcome = await execute(deps, tool, input, hash, caller, needsApproval);
    return outcome;
  } catch (e) {
    const err = toToolError(e);
    await writeAudit(deps, caller, tool, {
      status: "failed",
      details: { error: isToolError(err) ? err.code : "INTERNAL", message: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
}

function authorize(tool: AnyTool, caller: Caller): void {
  const roles = rolesOf(tool);
  if (!roles.includes(caller.actor.role)) {
    throw new ToolError("FORBIDDEN", `${tool.name} is for ${roles.join(" or ")} users; you are ${caller.actor.role}`, {
      allowed: roles,
    });
  }
  if (caller.apiKey) {
    const needed = tool.permission ?? "tools";
    if (!caller.apiKey.permissions.includes(needed)) {
      throw new ToolError("FORBIDDEN", `this API key lacks the ${needed} permission that ${tool.name} needs`, {
        allowed: [needed],
      });
    }
  }
}

/** Entities that belong to a pipeline: what an API key limited to some pipelines is limited in. */
const PIPELINE_ENTITIES: ReadonlySet<EntityName> = new Set(["PipelineConfig", "PipelineRun", "PipelineOptimization", "QualityCheck", "Webhook", "WebhookDelivery"]);

/**
 * An API key limited to some pipelines acts only on those: the tool says which pipeline a call
 * acts on (`pipelineOf`); a call on another one, or on none in particular, is refused. What the
 * lookup found is not said, so the key learns nothing about pipelines outside its scope.
 */
async function checkPipelineScope(deps: DoorDeps, tool: AnyTool, input: Record<string, unknown>, caller: Caller): Promise<void> {
  const scope = caller.apiKey?.pipeline_ids ?? [];
  if (scope.length === 0) return;
  if (![...(tool.reads ?? []), ...(tool.writes ?? [])].some((e) => PIPELINE_ENTITIES.has(e))) return;
  const limited = `this API key is limited to pipeline${scope.length === 1 ? "" : "s"} ${scope.join(", ")}`;
  if (!tool.pipelineOf) throw new ToolError("FORBIDDEN", `${limited}; ${tool.name} is not limited to one pipeline`, { allowed: scope });
  const store = storeFor(deps, caller.workspaceId, accessOf(tool));
  const id = await tool.pipelineOf(input, makeContext(deps, tool, caller, store, [])).catch(() => null);
  if (id === undefined) throw new ToolError("FORBIDDEN", `${limited}; name one of them`, { field: "pipeline_id", allowed: scope });
  if (id === null || !scope.includes(id)) throw new ToolError("FORBIDDEN", `${limited}; it may not act on any other`, { field: "pipeline_id", allowed: scope });
}

function makeContext(
  deps: DoorDeps,
  tool: AnyTool,
  caller: Caller,
  store: Store,
  after: (() => void | Promise<void>)[],
  inTransaction = false,
): ToolContext {
  const access = accessOf(tool);
  const ctx: ToolContext = {
    store,
    actor: caller.actor,
    workspaceId: caller.workspaceId,
    clock: deps.clock,
    ids: deps.ids,
    cipher: deps.cipher,
    services: deps.services,
    signal: caller.signal ?? NOT_ABORTED,
    threadId: caller.threadId,
    agent: caller.agent,
    callKey: caller.idempotencyKey,
    // Inside the door's transaction a nested one would wait for itself: run on the open one.
    transaction: (fn) =>
      inTransaction ? fn(store) : deps.db.kysely.transaction().execute((trx) => fn(store.with(trx, access))),
    afterCommit: (fn) => {
      after.push(fn);
    },
    audit: async (entry: AuditEntry) => {
      await store.with(store.db, undefined).insert("AuditLog", auditRow(caller, tool, entry));
    },
  };
  return ctx;
}

function auditRow(caller: Caller, tool: AnyTool, entry: AuditEntry): Partial<Entities["AuditLog"]> {
  return {
    event_type: entry.event_type,
    action: entry.action,
    status: entry.status ?? "success",
    actor_id: caller.actor.id,
    entity_type: entry.entity_type ?? null,
    entity_id: entry.entity_id ?? null,
    details: { tool: tool.name, ...(caller.apiKey ? { api_key_id: caller.apiKey.id } : {}), ...entry.details },
    agent: caller.agent ?? null,
    thread_id: caller.threadId ?? null,
    request_id: caller.requestId ?? null,
  };
}

/**
 * The call's audit row: in the transaction of `store` when one is given (with the changes it
 * records), else trailing the call by a moment (entities/write-behind.ts) — nothing the call
 * answers depends on it, and the harness and the server's shutdown wait for it.
 */
async function writeAudit(deps: DoorDeps, caller: Caller, tool: AnyTool, entry: Partial<AuditEntry> & { status: string }, store?: Store): Promise<void> {
  const row = auditRow(caller, tool, { event_type: "tool_call", action: tool.name, ...entry });
  if (store) {
    await store.insert("AuditLog", row);
    return;
  }
  const { written } = await storeFor(deps, caller.workspaceId).append("AuditLog", row);
  deps.services.background.track("audit", written);
}

function subjectOf(tool: AnyTool, output: unknown): { entity_type: EntityName | null; entity_id: string | null } {
  const primary = tool.writes?.[0] ?? tool.reads?.[0] ?? null;
  const id = output && typeof output === "object" && typeof (output as { id?: unknown }).id === "string" ? (output as { id: string }).id : null;
  return { entity_type: primary, entity_id: id };
}

async function checkNeedsApproval(deps: DoorDeps, tool: AnyTool, input: Record<string, unknown>, caller: Caller): Promise<boolean> {
  if (!tool.needsApproval) return true;
  const store = storeFor(deps, caller.workspaceId, accessOf(tool));
  return tool.needsApproval(input, makeContext(deps, tool, caller, store, []));
}

async function requestApproval(
  deps: DoorDeps,
  tool: AnyTool,
  input: Record<string, unknown>,
  hash: string,
  caller: Caller,
): Promise<ToolOutcome> {
  const readStore = storeFor(deps, caller.workspaceId, accessOf(tool));
  let summary: string;
  try {
    summary = tool.prepare
      ? await tool.prepare(input, makeContext(deps, tool, caller, readStore, []))
      : `${tool.name} ${canonicalJson(redactInput(tool, input))}`;
  } catch (e) {
    const err = toToolError(e);
    await writeAudit(deps, caller, tool, {
      status: "failed",
      details: { error: isToolError(err) ? err.code : "INTERNAL", message: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
  const store = storeFor(deps, caller.workspaceId);
  // A re-run of the same tool call (a graph node restarted on resume) finds its own request.
  if (caller.threadId && caller.toolCallId) {
    const existing = await store.findOne("PendingApproval", {
      thread_id: caller.threadId,
      tool_call_id: caller.toolCallId,
      args_hash: hash,
    });
    // Whatever its status: the graph resumes with the decision, and a consumed approval fails closed.
    if (existing) {
      return { status: "approval_required", tool: tool.name, approval: { id: existing.id, tool: tool.name, args: existing.args, summary: existing.summary } };
    }
  }
  const approval = await deps.db.kysely.transaction().execute(async (trx) => {
    const s = store.with(trx);
    const row = await s.insert("PendingApproval", {
      thread_id: caller.threadId ?? null,
      tool_call_id: caller.toolCallId ?? null,
      tool: tool.name,
      args: redactInput(tool, input) as Record<string, unknown>,
      args_hash: hash,
      summary,
      status: "pending",
      requested_by: caller.actor.id,
    });
    await writeAudit(deps, caller, tool, {
      event_type: "approval",
      status: "approval_requested",
      entity_type: "PendingApproval",
      entity_id: row.id,
      details: { summary },
    }, s);
    return row;
  });
  return { status: "approval_required", tool: tool.name, approval: { id: approval.id, tool: tool.name, args: approval.args, summary } };
}

async function findReplay(deps: DoorDeps, caller: Caller, tool: AnyTool, hash: string): Promise<ToolOutcome | undefined> {
  const store = storeFor(deps, caller.workspaceId);
  const record = await store.findOne("IdempotencyRecord", { scope: `tool:${tool.name}`, key: caller.idempotencyKey! });
  if (!record) return undefined;
  if (record.expires_at && Date.parse(record.expires_at) <= deps.clock.now().getTime()) {
    await store.delete("IdempotencyRecord", record.id);
    return undefined;
  }
  if (record.request_hash !== hash) {
    throw new ToolError("CONFLICT", `the key ${caller.idempotencyKey} was already used for a different ${tool.name} call`);
  }
  if (record.status !== "completed") {
    throw new ToolError("CONFLICT", `a ${tool.name} call with this key is still running`);
  }
  const saved = record.response as { output: unknown; reply: string };
  return { status: "ok", tool: tool.name, output: saved.output, reply: saved.reply, safeOutput: saved.output, safeReply: saved.reply, displayOutput: saved.output, shownOnce: {}, replayed: true };
}

async function consumeApproval(store: Store, tool: AnyTool, hash: string, caller: Caller): Promise<void> {
  const approval = caller.approvalId ? await store.get("PendingApproval", caller.approvalId) : undefined;
  if (!approval || approval.tool !== tool.name || approval.args_hash !== hash) {
    throw new ToolError("FORBIDDEN", `${tool.name} is destructive and needs an approval for exactly this call`);
  }
  const consumed = await store.update("PendingApproval", approval.id, { status: "consumed" }, { status: "approved" });
  if (!consumed) {
    const why = approval.status === "consumed" ? "has already been used" : `is ${approval.status}`;
    throw new ToolError("FORBIDDEN", `the approval for ${tool.name} ${why}; ask again to run it`);
  }
}

async function execute(
  deps: DoorDeps,
  tool: AnyTool,
  input: Record<string, unknown>,
  hash: string,
  caller: Caller,
  needsApproval: boolean,
): Promise<ToolOutcome> {
  const after: (() => void | Promise<void>)[] = [];
  const access = accessOf(tool);
  const base = storeFor(deps, caller.workspaceId);

  // A tool sees every row written before it started, trailing ones included (a transaction
  // cannot wait for them: they would queue behind it).
  const trailing = writeBehindOf(deps.db.kysely);
  const touches = [...(tool.reads ?? []), ...(tool.writes ?? [])];
  if (trailing && touches.some((e) => trailing.pendingFor(e))) await trailing.settle(touches);

  /** Output checked, audited (in `store`'s transaction when the tool wrote) and kept for replay. */
  const finish = async (store: Store, output: unknown, auditInTransaction: boolean) => {
    const checked = tool.output.safeParse(output);
    if (!checked.success) {
      throw new Error(`${tool.name} produced output that does not fit its schema: ${describeZodError(checked.error).message}`);
    }
    const reply = tool.reply(checked.data, input);
    const { safe, shownOnce, display } = splitOutput(tool, checked.data);
    const safeReply = Object.keys(shownOnce).length ? tool.reply(display as never, input) : reply;
    await writeAudit(deps, caller, tool, { status: "success", ...subjectOf(tool, checked.data), details: { input: redactInput(tool, input) } }, auditInTransaction ? store : undefined);
    if (caller.idempotencyKey) {
      await store.insert("IdempotencyRecord", {
        scope: `tool:${tool.name}`,
        key: caller.idempotencyKey,
        request_hash: hash,
        status: "completed",
        response: { output: safe, reply: safeReply },
        expires_at: caller.idempotencyExpiresAt ?? null,
      });
    }
    return { status: "ok" as const, tool: tool.name, output: checked.data, reply, safeOutput: safe, safeReply, displayOutput: display, shownOnce, replayed: false };
  };

  let outcome: ToolOutcome;
  if (tool.effect === "read") {
    // A read has nothing to roll back: no transaction around it, its audit row commits alone.
    const ctx = makeContext(deps, tool, caller, base.with(deps.db.kysely, access), after);
    outcome = await finish(base, await tool.run(input as never, ctx), false);
  } else if (tool.atomic === false) {
    if (needsApproval) {
      await deps.db.kysely.transaction().execute((trx) => consumeApproval(base.with(trx), tool, hash, caller));
    }
    const ctx = makeContext(deps, tool, caller, base.with(deps.db.kysely, access), after);
    const output = await tool.run(input as never, ctx);
    outcome = await deps.db.kysely.transaction().execute((trx) => finish(base.with(trx), output, true));
  } else {
    outcome = await deps.db.kysely.transaction().execute(async (trx) => {
      const store = base.with(trx);
      if (needsApproval) await consumeApproval(store, tool, hash, caller);
      const ctx = makeContext(deps, tool, caller, store.with(trx, access), after, true);
      const output = await tool.run(input as never, ctx);
      return finish(store, output, true);
    });
  }
  for (const fn of after) {
    const work = Promise.resolve().then(fn);
    deps.services.background.track(`${tool.name}:after-commit`, work);
  }
  return outcome;
}

/** Answers a pending approval: approve lets the exact call run once; reject changes nothing else. */
export async function decideApproval(
  deps: DoorDeps,
  caller: Caller,
  approvalId: string,
  approve: boolean,
): Promise<Entities["PendingApproval"]> {
  const store = storeFor(deps, caller.workspaceId);
  const approval = await store.get("PendingApproval", approvalId);
  if (!approval) throw new ToolError("NOT_FOUND", `approval ${approvalId} not found`);
  const tool = deps.registry.get(approval.tool);
  if (!rolesOf(tool).includes(caller.actor.role)) {
    throw new ToolError("FORBIDDEN", `only ${rolesOf(tool).join(" or ")} users may decide on ${tool.name}`);
  }
  return deps.db.kysely.transaction().execute(async (trx) => {
    const s = store.with(trx);
    const decided = await s.update(
      "PendingApproval",
      approvalId,
      { status: approve ? "approved" : "rejected", decided_by: caller.actor.id, decided_at: deps.clock.now().toISOString() },
      { status: "pending" },
    );
    if (!decided) throw new ToolError("CONFLICT", `approval ${approvalId} is ${approval.status}, not pending`);
    await writeAudit(deps, caller, tool, {
      event_type: "approval",
      status: approve ? "approved" : "rejected",
      entity_type: "PendingApproval",
      entity_id: approvalId,
    }, s);
    return decided;
  });
}

/** The store of one workspace on the door's database (outside any transaction). */
export function storeFor(deps: DoorDeps, workspaceId: string, access?: EntityAccess): Store {
  return new Store({ db: deps.db.kysely, cipher: deps.cipher, clock: deps.clock, ids: deps.ids }, workspaceId, access);
}
