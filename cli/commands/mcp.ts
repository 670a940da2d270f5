import { consoleToStderr, serveStdio } from "../../mcp-server/stdio.js";
import { principalFor } from "../../mcp-server/principal.js";
import { parseToolsets, TOOLSET_NAMES } from "../../mcp-server/toolsets.js";
import { UsageError } from "../errors.js";
import { openSession } from "../runtime.js";
import type { RegisterCommand } from "./index.js";

/**
 * `flashfusion mcp`: the MCP server on stdio, for Claude Desktop and other clients. The caller is
 * FLASHFUSION_MCP_USER (an id or email) or the workspace's first admin. Only protocol goes to
 * stdout; logs go to stderr.
 */
export const registerMcp: RegisterCommand = (cli) => {
  cli
    .command("mcp")
    .description("serve the tools, resources and prompts over MCP on stdio (Claude Desktop and other clients)")
    .option("--toolsets <list>", `comma-separated: ${TOOLSET_NAMES.join(", ")} (default: all)`)
    .option("--read-only", "expose only tools that read")
    .option("--workspace <id>", "the workspace (default FLASHFUSION_WORKSPACE or ws_default)")
    .option("--provider <name>", "for ask_agent: local (default), openai or anthropic")
    .action(async (opts: { toolsets?: string; readOnly?: boolean; workspace?: string; provider?: string }) => {
      let toolsets;
      try {
        toolsets = parseToolsets(opts.toolsets);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      consoleToStderr();
      const session = await openSession({ workspaceId: opts.workspace, provider: opts.provider });
      try {
        const principal = await principalFor(session.runtime.core, session.speaker.workspaceId, process.env.FLASHFUSION_MCP_USER || undefined);
        process.stderr.write(`[flashfusion] mcp: serving ${toolsets.join(", ")}${opts.readOnly ? " (read-only)" : ""} on stdio as ${principal.actor.email} (${principal.actor.role})\n`);
        await serveStdio({ runtime: session.runtime, principal, exposure: { toolsets, readOnly: opts.readOnly === true } });
      } finally {
        await session.close();
      }
    });
};
