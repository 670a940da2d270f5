import { startServer } from "../../server/start.js";
import { withDb } from "../context.js";
import { UsageError } from "../errors.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from "../seed.js";
import type { RegisterCommand } from "./index.js";

const DEMO_WORKSPACE = "ws_default";
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * `flashfusion serve` (and, with `--demo`, `npm start`): the HTTP API until SIGINT or SIGTERM.
 * A demo server first fills an empty database with the demo data, serves the demo page with the
 * chat widget at `/`, and paces the local provider's replies so they visibly stream.
 */
export const registerServe: RegisterCommand = (cli, out) => {
  cli
    .command("serve")
    .description("serve the HTTP API, the chat API and MCP at /mcp (HOST default 127.0.0.1, PORT default 3000)")
    .option("--host <host>", "interface to listen on (default HOST or 127.0.0.1)")
    .option("--port <port>", "port (default PORT or 3000; 0 picks a free one)")
    .option("--provider <name>", "local (default), openai or anthropic")
    .option("--demo", "seed the demo data into an empty database and serve the demo page with the chat widget at /")
    .action(async (opts: { host?: string; port?: string; provider?: string; demo?: boolean }) => {
      const host = opts.host ?? process.env.HOST ?? "127.0.0.1";
      if (opts.demo && !LOOPBACK.has(host)) {
        // The demo page signs whoever opens it in as the demo admin, whose password is published.
        throw new UsageError(`--demo serves only on this machine (127.0.0.1, ::1 or localhost), not on ${host}: its page signs everyone in as the demo admin; use flashfusion serve without --demo`);
      }
      if (opts.demo) {
        const seeded = await withDb((db, config) => seedDemoIfEmpty(db, { secretKey: config.secretKey, workspaceId: DEMO_WORKSPACE }));
        if (seeded) out("flashfusion: the database was empty, so it now holds the demo data (flashfusion seed)");
        process.env.FLASHFUSION_LOCAL_TOKEN_DELAY_MS ??= "40";
      }
      const demo = opts.demo ? { workspaceId: DEMO_WORKSPACE, account: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } } : null;
      const server = await startServer({ host: opts.host, port: opts.port === undefined ? undefined : Number(opts.port), provider: opts.provider, options: { demo } });
      out(`flashfusion: listening on ${server.url} (docs ${server.url}/docs, OpenAPI ${server.url}/openapi.json, MCP ${server.url}/mcp)`);
      if (demo) out(`flashfusion: demo app with the chat widget at ${server.url}/ (signed in as ${demo.account.email})`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      out("flashfusion: shutting down (waiting for running work)");
      await server.close();
    });
};
