import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { callTool } from "../../tools/door.js";
import { apiKeyAuthenticator } from "../http/auth.js";
import { createMcpHttpHandler, nodeListener, type McpHttpOptions } from "../http/handler.js";
import type { Seeded } from "./fixture.js";

export interface TestHttp {
  url: string;
  close(): Promise<void>;
}

/**
 * A node:http server with the MCP handler at /mcp, as the API server mounts it. `injectKey`
 * stands in for a client that cannot send headers (the Inspector CLI 0.15): the key is added
 * to requests that come without one, as an authenticating proxy would.
 */
export async function serveMcp(seeded: Seeded, options: Partial<McpHttpOptions> & { injectKey?: string } = {}): Promise<TestHttp> {
  const handler = createMcpHttpHandler({ runtime: seeded.runtime, authenticate: apiKeyAuthenticator(seeded.runtime.core), ...options });
  const listener = nodeListener(handler);
  const server: Server = createServer((req: IncomingMessage, res) => {
    if (!new URL(req.url ?? "/", "http://x").pathname.startsWith("/mcp")) {
      res.writeHead(404).end();
      return;
    }
    if (options.injectKey && !req.headers["x-api-key"]) req.headers["x-api-key"] = options.injectKey;
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A new API key made through the door as the seeded admin; answers the plaintext. */
export async function makeKey(seeded: Seeded, name: string, permissions: string[], pipelines?: string[]): Promise<string> {
  const made = await callTool(seeded.runtime.core, "create_api_key", { name, permissions, ...(pipelines ? { pipelines } : {}) }, { workspaceId: "ws_default", actor: seeded.admin.actor });
  if (made.status !== "ok") throw new Error("expected a key");
  return (made.output as { plaintext_key: string }).plaintext_key;
}

export async function httpClient(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "flashfusion-http-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}
