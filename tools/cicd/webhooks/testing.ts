import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Core } from "../../core.js";
import { Dispatcher, type DispatcherOptions } from "./dispatcher/dispatcher.js";

/** One request a test receiver got: the raw body bytes, exactly as sent. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
}

export interface Receiver {
  url(path?: string): string;
  readonly requests: Received[];
  close(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1; `answer` decides each response (default 200). */
export async function startReceiver(answer: (req: Received, index: number) => Answer = () => ({ status: 200 })): Promise<Receiver> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(received);
      const { status, headers } = answer(received, requests.length - 1);
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(status < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock for the dispatcher that moves only when told (it starts at the real time, as signatures expect). */
export function manualClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * Puts a dispatcher with the test's options behind `core.services.webhooks` (stopping the one
 * the core built, if any) and starts it.
 */
export async function installDispatcher(core: Core, options: DispatcherOptions): Promise<Dispatcher> {
  const current = core.services.webhooks as unknown;
  if (current instanceof Dispatcher) await current.stop();
  const dispatcher = new Dispatcher(
    { db: core.db, cipher: core.cipher, clock: core.clock, ids: core.ids, background: core.services.background, events: core.services.events },
    { onError: (m) => console.error(m), ...options },
  );
  core.services.webhooks = dispatcher;
  await dispatcher.start();
  return dispatcher;
}

/** Polls `check` until it answers something truthy. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
