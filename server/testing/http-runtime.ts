import { serve, type ServerType } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RuntimeEvent } from "../../graph/events.js";
import { createRuntime } from "../../graph/runtime.js";
import type { ApproveInput, ChatInput, Runtime, RuntimeOptions, Speaker } from "../../graph/types.js";
import { storeFor } from "../../tools/door.js";
import { createApp } from "../app.js";
import { accessTokens, newOpaqueToken, tokenHash } from "../auth/tokens.js";
import { silentLog } from "../types.js";
import { readSse } from "./sse.js";

/**
 * A Runtime whose turns go over HTTP: the real runtime behind the app on an ephemeral port, and
 * `chat` / `approve` as POSTs whose Server-Sent Events are read back. Hands the evaluation
 * harness (`runCase`) the chat API instead of the runtime, so a suite runs end to end through it.
 */
export async function httpRuntime(options: RuntimeOptions): Promise<Runtime> {
  const runtime = await createRuntime(options);
  const app = createApp({ runtime, options: { log: silentLog } });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = accessTokens(runtime.core.cipher, runtime.core.clock, 3600);
  const signedIn = new Map<string, Promise<string>>();

  /** The speaker signed in: a session row and an access token for it. */
  function tokenOf(speaker: Speaker): Promise<string> {
    const key = `${speaker.workspaceId}/${speaker.actorId}`;
    let token = signedIn.get(key);
    if (!token) {
      token = (async () => {
        const expires = new Date(runtime.core.clock.now().getTime() + 86_400_000).toISOString();
        const session = await storeFor(runtime.core, speaker.workspaceId).insert("AuthSession", { user_id: speaker.actorId, refresh_hash: tokenHash(newOpaqueToken("refresh")), expires_at: expires });
        return (await tokens.issue({ userId: speaker.actorId, workspaceId: speaker.workspaceId, sessionId: session.id })).token;
      })();
      signedIn.set(key, token);
    }
    return token;
  }

  async function* post(speaker: Speaker, path: string, body: unknown, threadId: string | undefined, signal?: AbortSignal): AsyncGenerator<RuntimeEvent> {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await tokenOf(speaker)}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    if (res.status !== 200) {
      const error = (await res.json()) as { code: string; message: string };
      yield { type: "error", code: error.code, message: `HTTP ${res.status}: ${error.message}` };
      yield { type: "done", thread_id: threadId ?? "", status: "error" };
      return;
    }
    for await (const e of readSse(res)) yield e.data;
  }

  return {
    core: runtime.core,
    chat: (input: ChatInput) => post(input.speaker, "/api/v1/chat", { message: input.text, ...(input.threadId ? { thread_id: input.threadId } : {}), ...(input.agent ? { agent: input.agent } : {}) }, input.threadId, input.signal),
    approve: (input: ApproveInput) => post(input.speaker, `/api/v1/threads/${input.threadId}/approve`, { approve: input.approve }, input.threadId, input.signal),
    orchestrate: (request, opts) => runtime.orchestrate(request, opts),
    settle: (ms) => runtime.settle(ms),
    async close() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
