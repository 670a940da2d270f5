import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Responder, ScriptedReply, WireRequest } from "./script.js";

export interface StandInOptions {
  /** Answers when the queue is empty (the scripted stand-in). Default: a short text. */
  responder?: Responder;
  /** Keys the stand-in accepts; any other key is a 401. Default: any non-empty key. */
  keys?: readonly string[];
}

/** A local server speaking one provider's wire protocol, scripted per test. */
export interface StandIn {
  /** The base URL to give the SDK. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: WireRequest[];
  /** Replies for the next requests, in order; afterwards the responder answers. */
  enqueue(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/** How one protocol reads requests and writes replies. */
export interface Protocol {
  name: WireRequest["protocol"];
  /** Path prefix the SDK puts before its endpoints (`/v1` for OpenAI's base URL). */
  basePath: string;
  endpoint: string;
  parse(body: Record<string, unknown>): Pick<WireRequest, "model" | "stream" | "messages" | "tools">;
  writeError(res: ServerResponse, reply: ScriptedReply): void;
  writeJson(res: ServerResponse, request: WireRequest, reply: ScriptedReply): void;
  writeStream(res: ServerResponse, request: WireRequest, reply: ScriptedReply): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function keyOf(req: IncomingMessage): string | undefined {
  const direct = req.headers["x-api-key"];
  if (typeof direct === "string" && direct) return direct;
  const auth = req.headers.authorization;
  const bearer = typeof auth === "string" ? /^Bearer\s+(.+)$/i.exec(auth)?.[1] : undefined;
  return bearer || undefined;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Writes server-sent events, dropping the connection after `dropAfter` of them when asked. */
export function sseWriter(res: ServerResponse, reply: ScriptedReply) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...reply.headers });
  let sent = 0;
  return {
    /** Resolves once the event is on the wire; false once the connection was dropped: stop writing. */
    async send(data: unknown, event?: string): Promise<boolean> {
      if (reply.dropAfterEvents !== undefined && sent >= reply.dropAfterEvents) {
        // Let the client read what was sent before the connection dies.
        await wait(20);
        res.socket?.destroy();
        return false;
      }
      const text = `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
      await new Promise<void>((resolve, reject) => res.write(text, (e) => (e ? reject(e) : resolve())));
      sent += 1;
      return true;
    },
    end() {
      if (!res.destroyed) res.end();
    },
  };
}

/** Starts a stand-in on 127.0.0.1 at a free port. */
export async function startStandIn(protocol: Protocol, options: StandInOptions = {}): Promise<StandIn> {
  const queue: ScriptedReply[] = [];
  const requests: WireRequest[] = [];
  const responder: Responder = options.responder ?? (() => ({ text: "OK" }));
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? "").split("?")[0]!;
      if (req.method !== "POST" || path !== `${protocol.basePath}${protocol.endpoint}`) {
        return json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "not_found_error" } });
      }
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const request: WireRequest = { protocol: protocol.name, path, headers, apiKey: keyOf(req), body, ...protocol.parse(body) };
      requests.push(request);
      if (!request.apiKey || (options.keys && !options.keys.includes(request.apiKey))) {
        return protocol.writeError(res, { status: 401, error: { message: "invalid x-api-key", type: "authentication_error", code: "invalid_api_key" } });
      }
      const reply = queue.shift() ?? (await responder(request));
      if (reply.delayMs) await wait(reply.delayMs);
      if (res.destroyed) return;
      if (reply.status && reply.status >= 400) return protocol.writeError(res, reply);
      if (request.stream) await protocol.writeStream(res, request, reply);
      else protocol.writeJson(res, request, reply);
    } catch (e) {
      if (!res.headersSent) json(res, 500, { error: { message: `stand-in failed: ${e instanceof Error ? e.message : String(e)}`, type: "api_error" } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${protocol.basePath}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
