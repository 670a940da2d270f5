// A byte-level HTTP proxy in front of the server, for the browser test: it passes everything
// through unchanged (Host included) and, when armed, cuts one event stream's connection in the
// middle of an event — as a flaky network or a restarting load balancer would.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DropRule {
  /** Which request's answer to cut, e.g. `POST /api/v1/chat`. */
  method: string;
  path: RegExp;
  /** Cut inside the first chunk holding this text (e.g. `event: token`), after its first half. */
  after: string;
}

export interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The answer was cut by a drop rule. */
  dropped: boolean;
}

export interface DropProxy {
  url: string;
  /** Every request passed through, in order. */
  seen: Seen[];
  /** Cuts the next matching answer; resolves when it has been cut. */
  dropNext(rule: DropRule): Promise<void>;
  close(): Promise<void>;
}

export async function startDropProxy(target: string): Promise<DropProxy> {
  const upstream = new URL(target);
  const seen: Seen[] = [];
  let armed: { rule: DropRule; done: () => void } | null = null;

  const server: Server = createServer((req, res) => {
    const entry: Seen = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, dropped: false };
    seen.push(entry);
    const rule = armed && armed.rule.method === entry.method && armed.rule.path.test(entry.path.split("?")[0]!) ? armed : null;
    if (rule) armed = null;
    const out = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.on("data", (chunk: Buffer) => {
          if (entry.dropped) return;
          const text = chunk.toString("utf8");
          const at = rule ? text.indexOf(rule.rule.after) : -1;
          if (rule && at !== -1) {
            // Send the event's first half, then reset the connection: the browser sees a
            // network error with part of an event in its buffer.
            const cut = at + Math.ceil((text.length - at) / 2);
            entry.dropped = true;
            res.write(chunk.subarray(0, Buffer.byteLength(text.slice(0, cut))), () => {
              setTimeout(() => {
                res.socket?.destroy();
                answer.destroy();
                rule.done();
              }, 20);
            });
            return;
          }
          res.write(chunk);
        });
        answer.on("end", () => {
          if (!entry.dropped) res.end();
        });
        answer.on("error", () => res.destroy());
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    dropNext(rule) {
      return new Promise<void>((resolve) => {
        armed = { rule, done: resolve };
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
