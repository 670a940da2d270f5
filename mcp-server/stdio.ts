import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer, type CreateServerOptions } from "./server.js";

/**
 * Anything printed with console.log would corrupt the protocol on stdout: over stdio every
 * console method writes to stderr. (Call before anything else runs.)
 */
export function consoleToStderr(): void {
  for (const method of ["log", "info", "debug"] as const) console[method] = console.error;
}

/**
 * Serves one MCP client over this process's stdin and stdout until it disconnects (stdin ends)
 * or the process is told to stop; resolves once the server has closed.
 */
export async function serveStdio(options: CreateServerOptions): Promise<void> {
  const { server, cleanup } = createServer(options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  const stop = () => void server.close();
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const s of signals) process.once(s, stop);
  process.stdin.once("end", stop);
  process.stdin.once("close", stop);
  process.stdout.once("error", stop);
  try {
    await server.connect(transport);
    await closed;
  } finally {
    for (const s of signals) process.off(s, stop);
    process.stdin.off("end", stop);
    process.stdin.off("close", stop);
    process.stdout.off("error", stop);
    await cleanup();
  }
}
