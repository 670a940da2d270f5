import { startServer } from "../../server/start.js";
import type { RegisterCommand } from "./index.js";

/** `flashfusion serve` (and `npm start`): the HTTP API until SIGINT or SIGTERM. */
export const registerServe: RegisterCommand = (cli, out) => {
  cli
    .command("serve")
    .description("serve the HTTP API, the chat API and MCP at /mcp (HOST default 127.0.0.1, PORT default 3000)")
    .option("--host <host>", "interface to listen on (default HOST or 127.0.0.1)")
    .option("--port <port>", "port (default PORT or 3000; 0 picks a free one)")
    .option("--provider <name>", "local (default), openai or anthropic")
    .action(async (opts: { host?: string; port?: string; provider?: string }) => {
      const server = await startServer({ host: opts.host, port: opts.port === undefined ? undefined : Number(opts.port), provider: opts.provider });
      out(`flashfusion: listening on ${server.url} (docs ${server.url}/docs, OpenAPI ${server.url}/openapi.json, MCP ${server.url}/mcp)`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      out("flashfusion: shutting down (waiting for running work)");
      await server.close();
    });
};
