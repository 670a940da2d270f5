import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { GetPromptResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AgentDef } from "../../agents/index.js";
import type { AnyTool } from "../../tools/define.js";

/** FlowDirector → flow_director, CICDAssistant → cicd_assistant. */
export function promptName(agent: string): string {
  return agent.replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** The agent's own example commands first, then its tools' examples; no repeats. */
export function commandsOf(agent: AgentDef, tools: readonly AnyTool[]): string[] {
  return [...new Set([...agent.examples, ...tools.flatMap((t) => t.examples)])];
}

export interface AgentPromptOptions {
  agent: AgentDef;
  /** The agent's tools this server exposes. */
  tools: readonly AnyTool[];
  /** Whether ask_agent is offered; without it the prompt points at the tools themselves. */
  chat: boolean;
}

function message(o: AgentPromptOptions, command: string, threadId: string | undefined): string {
  const intro = `Use FlashFusion's ${o.agent.name} (${o.agent.purpose}) for this command:\n\n${command}\n\n`;
  if (!o.chat) {
    return `${intro}Answer it with the matching FlashFusion tool: ${o.tools.map((t) => t.name).join(", ")}.`;
  }
  return (
    intro +
    `Call the ask_agent tool with text ${JSON.stringify(command)} and agent "${o.agent.name}"${threadId ? ` and thread_id "${threadId}"` : ""}. ` +
    "If the answer has status awaiting_approval, show me the exact action and wait for my decision before calling approve_action."
  );
}

/**
 * One prompt per agent: the command is its argument, completed from the agent's example
 * commands and its tools' examples (matching anywhere, any case).
 */
export function registerAgentPrompt(server: McpServer, o: AgentPromptOptions): void {
  const commands = commandsOf(o.agent, o.tools);
  const suggest = (typed: string) => {
    const needle = typed.trim().toLowerCase();
    return commands.filter((c) => c.toLowerCase().includes(needle)).slice(0, 20);
  };
  server.registerPrompt(
    promptName(o.agent.name),
    {
      title: `Ask ${o.agent.name}`,
      description: `${o.agent.purpose}. For example: ${o.agent.examples.map((e) => `"${e}"`).join("; ")}.`,
      argsSchema: {
        command: completable(z.string().describe(`what to ask ${o.agent.name}, e.g. "${o.agent.examples[0] ?? ""}"`), suggest),
        thread_id: z.string().optional().describe("continue this ask_agent thread"),
      },
    },
    ({ command, thread_id }): GetPromptResult => ({
      description: `${o.agent.name}: ${command}`,
      messages: [{ role: "user", content: { type: "text", text: message(o, command, thread_id) } }],
    }),
  );
}
