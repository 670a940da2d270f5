import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import { isAgentName, type AgentName } from "../agents/index.js";
import { systemClock } from "../entities/clock.js";
import { randomIds } from "../entities/ids.js";
import type { Entities } from "../entities/index.js";
import { createLlmRouter, isLlmError, type LocalMeta } from "../llm/index.js";
import { createCore } from "../tools/core.js";
import { decideApproval, storeFor } from "../tools/door.js";
import { ToolError, isToolError } from "../tools/errors.js";
import { redactCredentials, type RedactedText } from "../tools/security/secrets/redact-text.js";
import { defaultRegistry } from "../tools/index.js";
import { buildGraph, type AgentGraph } from "./build.js";
import { openCheckpointer } from "./checkpointer.js";
import type { MessageKind, RuntimeEvent, TurnStatus } from "./events.js";
import type { ApprovalInterrupt, ApprovalResume, TurnConfig } from "./state.js";
import { agentToolsets } from "./tool-defs.js";
import type { ApproveInput, ChatInput, Runtime, RuntimeOptions, Speaker } from "./types.js";

function textOf(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

/** What the person is told when credentials were taken out of their message. */
function removalNotice(removed: RedactedText["removed"]): string {
  const what = removed.map((r) => `${r.kind.replaceAll("_", " ")} (${r.preview})`).join(", ");
  return `I took ${removed.length === 1 ? "a credential" : `${removed.length} credentials`} out of your message before storing it or showing it to a model: ${what}. If ${removed.length === 1 ? "it is" : "they are"} real, rotate ${removed.length === 1 ? "it" : "them"}: a chat is no place for secrets. Secret values are set from a terminal with \`flashfusion secrets set NAME\`.`;
}

/** One turn at a time per thread: a second message waits for the first to finish. */
function threadLocks() {
  const tails = new Map<string, Promise<void>>();
  return async function lock(threadId: string): Promise<() => void> {
    const previous = tails.get(threadId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    tails.set(threadId, tail);
    await previous;
    return () => {
      release();
      if (tails.get(threadId) === tail) tails.delete(threadId);
    };
  };
}

/**
 * Builds the conversational runtime: the tool door and its services, the agent graph with its
 * checkpointer (beside the store, in the same SQLite file or PostgreSQL database), the router
 * and the provider.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const registry = options.registry ?? defaultRegistry();
  const core = createCore({
    db: options.db,
    secretKey: options.secretKey,
    registry,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
  });
  await core.start();
  const checkpointer = await openCheckpointer(options.db);
  const llm = createLlmRouter({
    store: { db: core.db.kysely, cipher: core.cipher, clock: core.clock },
    provider: options.provider,
    model: options.model,
    baseURL: options.baseUrl,
  });
  const graph: AgentGraph = buildGraph({ core, model: llm.model, toolsets: agentToolsets(registry) }, checkpointer.saver);
  const lock = threadLocks();
  // A tool call's id must be in a checkpoint before the tool can commit, or a crash in between
  // reruns the model and the call comes back under a new id, past the door's replay. SQLite's
  // saver writes synchronously anyway; PostgreSQL's would still be in flight, so it waits.
  const durability = options.db.dialect === "postgres" ? ("sync" as const) : ("async" as const);

  async function actorOf(speaker: Speaker): Promise<TurnConfig["actor"]> {
    const user = await storeFor(core, speaker.workspaceId).get("User", speaker.actorId);
    if (!user) throw new ToolError("NOT_FOUND", `user ${speaker.actorId} not found in this workspace`);
    if (user.status === "disabled") throw new ToolError("FORBIDDEN", `user ${user.email} is disabled`);
    return { id: user.id, role: user.role, email: user.email, full_name: user.full_name };
  }

  async function threadFor(speaker: Speaker, threadId: string | undefined, text: string): Promise<Entities["Thread"]> {
    const store = storeFor(core, speaker.workspaceId);
    if (threadId) {
      const thread = await store.get("Thread", threadId);
      if (!thread) throw new ToolError("NOT_FOUND", `thread ${threadId} not found`);
      return thread;
    }
    return store.insert("Thread", {
      actor_id: speaker.actorId,
      title: text.slice(0, 80) || null,
      status: "running",
      owner_id: core.services.presence.id,
      last_message_at: core.clock.now().toISOString(),
    });
  }

  /**
   * Marks the thread running under this process, with a compare-and-set on what was read, so
   * two servers never run turns of one thread at once (within a process the thread lock does).
   * A turn still running on a live server wins; one left by a dead server is taken over.
   */
  async function claimTurn(store: ReturnType<typeof storeFor>, thread: Entities["Thread"]): Promise<boolean> {
    const presence = core.services.presence;
    let seen = thread;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (seen.status === "running" && seen.owner_id === presence.id) return true;
      if (seen.status === "running" && seen.owner_id !== null && !(await presence.isGone(seen.owner_id))) return false;
      const now = core.clock.now().toISOString();
      const claimed = await store.update("Thread", seen.id, { status: "running", owner_id: presence.id, last_message_at: now }, { status: seen.status, owner_id: seen.owner_id });
      if (claimed) return true;
      seen = await store.require("Thread", thread.id);
    }
    return false;
  }

  async function* drive(
    thread: Entities["Thread"],
    speaker: Speaker,
    actor: TurnConfig["actor"],
    input: { messages: BaseMessage[] } | Command | null,
    explicit: AgentName | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<RuntimeEvent> {
    const turn: TurnConfig = {
      thread_id: thread.id,
      // Not from core.ids: the evaluation's seeded ids must not shift with the number of turns.
      run_id: randomIds.next("run"),
      workspace_id: speaker.workspaceId,
      actor_id: speaker.actorId,
      actor,
      now: core.clock.now().toISOString(),
      agent: explicit,
    };
    const config = { configurable: { ...turn }, signal, recursionLimit: 40, durability };
    let agent: AgentName | null = thread.current_agent && isAgentName(thread.current_agent) ? thread.current_agent : null;
    let status: TurnStatus = "completed";
    const store = storeFor(core, speaker.workspaceId);
    if (!(await claimTurn(store, thread))) {
      yield { type: "error", code: "CONFLICT", message: "this thread is answering another message on another server; send yours again in a moment" };
      yield { type: "done", thread_id: thread.id, status: "error" };
      return;
    }
    try {
      // "updates" carries each node's output and any interrupt, so no state read is needed after.
      const stream = await graph.stream(input as never, { ...config, streamMode: ["custom", "updates"] as const });
      let pending: ApprovalInterrupt | undefined;
      let last: BaseMessage | undefined;
      for await (const chunk of stream) {
        const [mode, payload] = chunk as unknown as [string, unknown];
        if (mode === "custom") {
          const event = payload as RuntimeEvent;
          if (event.type === "agent") agent = event.agent;
          yield event;
          continue;
        }
        const update = payload as Record<string, { messages?: BaseMessage[] } | { value: unknown }[]>;
        const interrupts = update.__interrupt__ as { value: unknown }[] | undefined;
        const found = interrupts?.map((i) => i.value as ApprovalInterrupt).find((v) => v?.kind === "approval");
        if (found) pending = found;
        const written = (update.model as { messages?: BaseMessage[] } | undefined)?.messages ?? (update.tools as { messages?: BaseMessage[] } | undefined)?.messages;
        if (written?.length) last = written.at(-1);
      }
      if (input === null && !last && !pending) {
        // A recovered turn that had nothing left to run.
        last = ((await graph.getState(config)).values.messages as BaseMessage[] | undefined)?.at(-1);
      }
      if (pending) {
        status = "awaiting_approval";
        const text = `This needs your approval: ${pending.approval.summary}. Approve or reject?`;
        yield { type: "approval_required", agent: pending.agent, approval: pending.approval };
        yield { type: "message", agent: pending.agent, text, kind: "answer" };
      } else {
        const meta = last?.additional_kwargs?.ff as LocalMeta | undefined;
        const kind: MessageKind = meta?.kind === "clarification" ? "clarification" : meta?.kind === "decline" ? "decline" : "answer";
        status = kind === "clarification" ? "clarification" : kind === "decline" ? "declined" : "completed";
        yield { type: "message", agent, text: last ? textOf(last) : "", kind };
      }
    } catch (e) {
      status = "error";
      if (isLlmError(e)) {
        yield { type: "error", code: e.code, message: e.message };
        yield { type: "done", thread_id: thread.id, status };
        return;
      }
      const message = isToolError(e) ? e.message : "the turn failed unexpectedly; nothing further was changed";
      if (!isToolError(e)) console.error("[flashfusion] turn failed:", e instanceof Error ? e.message : e);
      yield { type: "error", code: isToolError(e) ? e.code : "INTERNAL", message };
    } finally {
      await store.update("Thread", thread.id, {
        status: status === "awaiting_approval" ? "awaiting_approval" : "idle",
        current_agent: agent,
        last_message_at: core.clock.now().toISOString(),
      });
    }
    yield { type: "done", thread_id: thread.id, status };
  }

  async function* chat(input: ChatInput): AsyncGenerator<RuntimeEvent> {
    let thread: Entities["Thread"];
    let actor: TurnConfig["actor"];
    // Credentials pasted into a message go no further: not into the thread, its checkpoints or a model.
    const { text, removed } = redactCredentials(input.text);
    try {
      actor = await actorOf(input.speaker);
      thread = await threadFor(input.speaker, input.threadId, text);
    } catch (e) {
      yield { type: "error", code: isToolError(e) ? e.code : "INTERNAL", message: e instanceof Error ? e.message : String(e) };
      yield { type: "done", thread_id: input.threadId ?? "", status: "error" };
      return;
    }
    const release = await lock(thread.id);
    try {
      yield { type: "thread", thread_id: thread.id };
      if (removed.length) yield { type: "message", agent: null, kind: "answer", text: removalNotice(removed) };
      // A thread named by the caller may have changed while this turn waited for the lock.
      const fresh = input.threadId ? await storeFor(core, input.speaker.workspaceId).require("Thread", thread.id) : thread;
      if (fresh.status === "awaiting_approval") {
        // A new message instead of a decision: the pending action is rejected, nothing runs.
        yield* answer(fresh, input.speaker, false, input.signal, true);
      }
      yield* drive(fresh, input.speaker, actor, { messages: [new HumanMessage(text)] }, input.agent, input.signal);
    } finally {
      release();
    }
  }

  async function* answer(thread: Entities["Thread"], speaker: Speaker, approve: boolean, signal: AbortSignal | undefined, quiet = false): AsyncGenerator<RuntimeEvent> {
    const config = { configurable: { thread_id: thread.id } };
    const snapshot = await graph.getState(config);
    const pending = snapshot.tasks.flatMap((t) => t.interrupts).find((i) => (i.value as ApprovalInterrupt | undefined)?.kind === "approval");
    if (!pending) throw new ToolError("CONFLICT", "nothing in this thread is waiting for approval");
    const value = pending.value as ApprovalInterrupt;
    const store = storeFor(core, speaker.workspaceId);
    const actor = await actorOf(speaker);
    const approval = await store.get("PendingApproval", value.approval.id);
    if (approval?.status === "pending") {
      await decideApproval(core, { workspaceId: speaker.workspaceId, actor, threadId: thread.id }, value.approval.id, approve);
    }
    if (!quiet) yield { type: "agent", agent: value.agent, reason: approve ? "approved by the person" : "rejected by the person" };
    const resume: ApprovalResume = { approved: approve };
    const events = drive(thread, speaker, actor, new Command({ resume }), undefined, signal);
    for await (const e of events) if (!quiet || e.type === "error") yield e;
  }

  async function* approve(input: ApproveInput): AsyncGenerator<RuntimeEvent> {
    const store = storeFor(core, input.speaker.workspaceId);
    const thread = await store.get("Thread", input.threadId);
    if (!thread) {
      yield { type: "error", code: "NOT_FOUND", message: `thread ${input.threadId} not found` };
      yield { type: "done", thread_id: input.threadId, status: "error" };
      return;
    }
    const release = await lock(thread.id);
    try {
      yield { type: "thread", thread_id: thread.id };
      yield* answer(thread, input.speaker, input.approve, input.signal);
    } catch (e) {
      yield { type: "error", code: isToolError(e) ? e.code : "INTERNAL", message: e instanceof Error ? e.message : String(e) };
      yield { type: "done", thread_id: thread.id, status: "error" };
    } finally {
      release();
    }
  }

  /**
   * Turns a crash cut short (a thread left `running` by a process that is gone) are finished:
   * the graph resumes from its last checkpoint, and a tool call that had already committed is
   * replayed, not repeated. A turn another live server is running is left to it; a dead one's is
   * claimed with a compare-and-set on the owner, so two servers starting together never both
   * resume it.
   */
  async function recover(): Promise<void> {
    const rows = await options.db.kysely.selectFrom("threads").select(["id", "workspace_id", "actor_id", "owner_id"]).where("status", "=", "running").execute();
    const presence = core.services.presence;
    for (const row of rows) {
      const owner = (row.owner_id as string | null) ?? null;
      if (owner !== null && !(await presence.isGone(owner))) continue;
      const speaker = { workspaceId: String(row.workspace_id), actorId: String(row.actor_id) };
      const thread = await storeFor(core, speaker.workspaceId).update("Thread", String(row.id), { owner_id: presence.id }, { status: "running", owner_id: owner });
      if (!thread) continue; // another server claimed it first
      const actor = await actorOf(speaker).catch(() => undefined);
      if (!actor) {
        await storeFor(core, speaker.workspaceId).update("Thread", thread.id, { status: "idle" });
        continue;
      }
      for await (const _ of drive(thread, speaker, actor, null, undefined, undefined)) {
        // drained: nobody is listening to a recovered turn
      }
    }
  }
  await recover();

  return {
    core,
    chat,
    approve,
    orchestrate: (request, opts) => llm.orchestrate(request, opts),
    settle: (ms) => core.services.background.settle(ms),
    async close() {
      await core.services.background.settle(10_000);
      await core.stop();
      await checkpointer.close();
    },
  };
}
