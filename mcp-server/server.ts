import { createRequire } from "node:module";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Runtime } from "../graph/types.js";
import type { McpContext } from "./context.js";
import { stderrLog, type McpLog } from "./log.js";
import { refusal, type McpPrincipal } from "./principal.js";
import { registerPrompts } from "./prompts/index.js";
import { registerResources } from "./resources/index.js";
import { createToolCatalog, registerAllTools, type ToolCatalog } from "./tools/index.js";
import { exposedTools, FULL_EXPOSURE, type Exposure } from "./toolsets.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

export interface CreateServerOptions {
  /** The conversational runtime; the server does not own it (the caller closes it). */
  runtime: Runtime;
  principal: McpPrincipal;
  /** Which toolsets, and whether only tools that read (default: all toolsets, every effect). */
  exposure?: Exposure;
  /** The registry's MCP definitions, when several servers share them (one per HTTP request). */
  catalog?: ToolCatalog;
  log?: McpLog;
}

const INSTRUCTIONS = [
  "FlashFusion's platform operations as tools: orders and onboarding, analytics, notes and tasks, CI/CD pipelines, webhooks and keys, security scans.",
  "A tool answering status approval_required has run nothing: show the person the exact action and call approve_action only with their decision.",
  "ask_agent takes a plain-language command and keeps a thread (thread_id in and out).",
  "Values shown once (a new API key, a signing secret) appear only in the text of the call that made them: give them to the person and do not repeat or store them.",
].join("\n");

/**
 * One MCP server for one caller: tools generated from the registry (and ask_agent,
 * approve_action), `flashfusion://` resources and the agents' prompts. Nothing starts until the
 * caller connects a transport.
 */
export function createServer(options: CreateServerOptions): { server: McpServer; cleanup: () => Promise<void> } {
  const { runtime, principal } = options;
  const exposure = options.exposure ?? FULL_EXPOSURE;
  const ctx: McpContext = {
    runtime,
    principal,
    exposure,
    catalog: options.catalog ?? createToolCatalog(runtime.core.registry),
    tools: exposedTools(runtime.core.registry, exposure).filter((t) => refusal(principal, t) === undefined),
    log: options.log ?? stderrLog,
  };
  const server = new McpServer({ name: "flashfusion", title: "FlashFusion", version }, { instructions: INSTRUCTIONS });
  registerAllTools(server.server, ctx);
  registerResources(server, ctx);
  registerPrompts(server, ctx);
  return {
    server,
    cleanup: async () => {
      await server.close();
    },
  };
}
