/**
 * The MCP server's log: one line per request on stderr (stdout carries only protocol over
 * stdio). Lines name the method, the tool and the outcome — never arguments or results, so
 * no secret reaches a log.
 */
export interface McpLog {
  info(line: string): void;
  error(line: string): void;
}

export const stderrLog: McpLog = {
  info: (line) => process.stderr.write(`[flashfusion] mcp: ${line}\n`),
  error: (line) => process.stderr.write(`[flashfusion] mcp error: ${line}\n`),
};

export const silentLog: McpLog = { info: () => {}, error: () => {} };
