// A child process for the crash test: runs one chat turn whose tool kills the process right
// after its transaction commits, before LangGraph can write the checkpoint that follows.
import { z } from "zod";
import { openTestDb } from "../../entities/scratch.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import { defineTool, type AnyTool } from "../../tools/define.js";
import { storeFor } from "../../tools/door.js";
import { createRegistry } from "../../tools/registry.js";
import { createRuntime } from "../runtime.js";
import { collectTurn } from "../types.js";
import { FIXTURE_TOOLS } from "./fixtures.js";

export const crashingTool = defineTool({
  name: "record_deal",
  description: "Record a closed deal as a note",
  domain: "productivity",
  input: z.object({ content: z.string().meta({ description: "the deal", extract: "text", cues: ["deal"] }) }),
  output: z.object({ id: z.string() }),
  effect: "write",
  writes: ["Note"],
  examples: ["Record deal: ACME renewal", "Record a deal: Globex 3 seats", "Log deal: Initech upgrade", "Record the deal with Umbrella", "Record deal Hooli"],
  run: async (input, ctx) => {
    const n = await ctx.store.insert("Note", { content: input.content, owner_id: ctx.actor.id });
    if (process.env.FF_CRASH_AFTER_COMMIT === "1") ctx.afterCommit(() => {
      process.kill(process.pid, "SIGKILL");
    });
    return { id: n.id };
  },
  reply: () => "Deal recorded.",
});

export const CRASH_TOOLS = [...FIXTURE_TOOLS, crashingTool as unknown as AnyTool];

export const SECRET = `1:${Buffer.alloc(32, 5).toString("base64")}`;

if (process.argv[2]) {
  const db = await openTestDb({ file: process.argv[2] });
  await ensureWorkspace(db.kysely, "ws_default");
  const runtime = await createRuntime({ db, secretKey: SECRET, registry: createRegistry(CRASH_TOOLS), provider: "local" });
  const store = storeFor(runtime.core, "ws_default");
  if (!(await store.get("User", "usr_actor"))) await store.insert("User", { id: "usr_actor", email: "a@example.com", role: "admin" });
  const turn = await collectTurn(runtime.chat({ speaker: { workspaceId: "ws_default", actorId: "usr_actor" }, text: process.argv[3] ?? "Record deal: ACME renewal" }));
  console.log(JSON.stringify({ threadId: turn.threadId, reply: turn.reply }));
  await runtime.close();
}
