import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { openDb } from "../entities/db.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { createRuntime } from "../graph/runtime.js";
import { collectTurn } from "../graph/types.js";
import { FIXTURE_TOOLS } from "../graph/testing/fixtures.js";
import { storeFor } from "../tools/door.js";
import { createRegistry } from "../tools/registry.js";
import { median, type BenchRow } from "./measure.js";

const KEY = `1:${Buffer.alloc(32, 9).toString("base64")}`;

/**
 * A full chat turn (router, agent, one write tool through the door, checkpoint, audit) with
 * the local provider, against a bare two-node LangGraph graph on the same kind of SQLite
 * checkpointer doing the same insert with a scripted model.
 */
export async function benchTurn(turns = 150): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "ff-bench-turn-"));
  try {
    // Ours
    const db = await openDb({ file: join(dir, "runtime.db") });
    await ensureWorkspace(db.kysely, "ws_default");
    const runtime = await createRuntime({ db, secretKey: KEY, registry: createRegistry(FIXTURE_TOOLS), provider: "local" });
    const store = storeFor(runtime.core, "ws_default");
    await store.insert("User", { id: "usr_actor", email: "a@example.com", role: "admin" });
    const speaker = { workspaceId: "ws_default", actorId: "usr_actor" };
    const ours = async (i: number) => {
      await collectTurn(runtime.chat({ speaker, text: `Add note: benchmark note ${i}` }));
    };

    // Baseline: scripted model ⇄ tool node, same insert, same checkpointer
    const bdb = await openDb({ file: join(dir, "baseline.db") });
    await ensureWorkspace(bdb.kysely, "ws_default");
    const bstore = storeFor({ ...runtime.core, db: bdb }, "ws_default");
    const saver = SqliteSaver.fromConnString(join(dir, "baseline.db"));
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("model", async (state) => {
        const last = state.messages.at(-1)!;
        if (last.getType() === "tool") return { messages: [new AIMessage("Noted.")] };
        return { messages: [new AIMessage({ content: "", tool_calls: [{ id: `c${state.messages.length}`, name: "add_note", args: { content: String(last.content) } }] })] };
      })
      .addNode("tools", async (state) => {
        const call = (state.messages.at(-1) as AIMessage).tool_calls![0]!;
        const n = await bstore.insert("Note", { content: String(call.args.content), owner_id: "usr_actor" });
        return { messages: [new ToolMessage({ tool_call_id: call.id!, content: JSON.stringify({ id: n.id }) })] };
      })
      .addEdge(START, "model")
      .addConditionalEdges("model", (s) => ((s.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END), ["tools", END])
      .addEdge("tools", "model")
      .compile({ checkpointer: saver });
    const baseline = async (i: number) => {
      await graph.invoke({ messages: [new HumanMessage(`Add note: benchmark note ${i}`)] }, { configurable: { thread_id: `t${i}` } });
    };

    for (let i = 0; i < 20; i++) {
      await ours(-i - 1);
      await baseline(-i - 1);
    }
    // Interleaved, so both see the same machine load.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < turns; i++) {
      let t0 = performance.now();
      await ours(i);
      a.push(performance.now() - t0);
      t0 = performance.now();
      await baseline(i);
      b.push(performance.now() - t0);
    }
    await runtime.close();
    await db.close();
    await bdb.close();
    const oursMs = median(a);
    const baseMs = median(b);
    return [
      {
        name: "chat turn (local provider, write tool)",
        value: oursMs,
        unit: "ms",
        baseline: { name: "bare 2-node LangGraph", value: baseMs },
        ratio: oursMs / baseMs,
        goal: "≤ 1.5×",
      },
      { name: "chat turns per second", value: 1000 / oursMs, unit: "turns/s" },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
