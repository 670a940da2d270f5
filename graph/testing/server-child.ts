/**
 * One FlashFusion server process for the scale-out test: the whole runtime (door, dispatcher,
 * runner, recovery, graph) on the database it is given, answering JSON commands read one per
 * line on stdin with one JSON line each on stdout:
 *   {"id":1,"op":"chat","text":"…","threadId":"thr_…"}   a chat turn as usr_actor
 *   {"id":2,"op":"call","tool":"create_order","input":{…}}  a tool call through the door
 *   {"id":3,"op":"wake"}                                  the dispatcher looks at its queue, then settles
 * Run with `node --import tsx graph/testing/server-child.ts FILE` (the test backend's env decides
 * SQLite or PostgreSQL, as for every test).
 */
import { createInterface } from "node:readline";
import { openTestDb } from "../../entities/scratch.js";
import { callTool } from "../../tools/door.js";
import { isToolError } from "../../tools/errors.js";
import { TEST_SECRET_KEY } from "../../tools/testing.js";
import { createRuntime } from "../runtime.js";
import { collectTurn } from "../types.js";

const file = process.argv[2];
if (!file) throw new Error("usage: server-child.ts DATABASE_FILE");

const db = await openTestDb({ file });
const runtime = await createRuntime({ db, secretKey: TEST_SECRET_KEY, provider: "local" });
const speaker = { workspaceId: "ws_default", actorId: "usr_actor" };
const actor = { id: "usr_actor", role: "admin" as const, email: "actor@example.com", full_name: "Actor" };

type Command = { id: number; op: "chat"; text: string; threadId?: string } | { id: number; op: "call"; tool: string; input: unknown } | { id: number; op: "wake" };

async function handle(cmd: Command): Promise<Record<string, unknown>> {
  switch (cmd.op) {
    case "chat": {
      const turn = await collectTurn(runtime.chat({ speaker, text: cmd.text, threadId: cmd.threadId }));
      return { threadId: turn.threadId, status: turn.status, reply: turn.reply, tools: turn.toolCalls.map((c) => c.tool) };
    }
    case "call":
      try {
        const out = await callTool(runtime.core, cmd.tool, cmd.input, { workspaceId: speaker.workspaceId, actor });
        return out.status === "ok" ? { status: "ok", output: out.output } : { status: out.status };
      } catch (e) {
        return { status: "error", code: isToolError(e) ? e.code : "INTERNAL", message: e instanceof Error ? e.message : String(e) };
      }
    case "wake":
      runtime.core.services.webhooks.wake();
      return { settled: await runtime.settle(10_000) };
  }
}

const pending = new Set<Promise<void>>();
const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: process.pid, owner: runtime.core.services.presence.id })}\n`);
for await (const line of lines) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line) as Command;
  // Commands run concurrently, as requests to a server would.
  const work = handle(cmd)
    .catch((e: unknown) => ({ status: "error", code: "INTERNAL", message: e instanceof Error ? e.message : String(e) }))
    .then((result) => void process.stdout.write(`${JSON.stringify({ id: cmd.id, ...result })}\n`));
  pending.add(work);
  void work.finally(() => pending.delete(work));
}
await Promise.all(pending);
await runtime.close();
await db.close();
