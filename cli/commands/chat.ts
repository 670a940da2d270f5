import { createInterface } from "node:readline/promises";
import type { RegisterCommand } from "./index.js";
import { isAgentName, type AgentName } from "../../agents/index.js";
import type { RuntimeEvent } from "../../graph/events.js";
import { loggedTurn } from "../../graph/thread-log.js";
import { storeFor } from "../../tools/door.js";
import { openSession } from "../runtime.js";
import { printer } from "../print.js";
import { UsageError } from "../errors.js";

/** One turn printed as it comes; logged in its thread, so the HTTP API and the widget show it too. */
async function turn(events: AsyncIterable<RuntimeEvent>, print: (e: RuntimeEvent) => void) {
  let threadId = "";
  let status = "";
  for await (const e of events) {
    print(e);
    if (e.type === "thread") threadId = e.thread_id;
    if (e.type === "done") status = e.status;
  }
  return { threadId, status };
}

export const registerChat: RegisterCommand = (cli, out) => {
  cli
    .command("chat")
    .description("talk to the agents: one command, or a conversation when no text is given")
    .argument("[text...]", "a command, e.g. \"Show my projects\"")
    .option("--thread <id>", "continue a thread")
    .option("--agent <name>", "address one agent directly")
    .option("--provider <name>", "local (default), openai or anthropic")
    .option("--yes", "approve destructive actions without asking (one-shot mode)")
    .action(async (words: string[], opts: { thread?: string; agent?: string; provider?: string; yes?: boolean }) => {
      if (opts.agent && !isAgentName(opts.agent)) throw new UsageError(`unknown agent ${opts.agent}; one of FlowDirector, SignalSage, Copilot, CICDAssistant, SecurityAuditor`);
      const agent = opts.agent as AgentName | undefined;
      const session = await openSession({ provider: opts.provider });
      const interactive = words.length === 0;
      const print = printer(out, interactive && process.stdout.isTTY ? { stream: (t) => process.stdout.write(t) } : {});
      const rl = interactive || !opts.yes ? createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY }) : undefined;
      try {
        let threadId = opts.thread;
        const ask = async (text: string) => {
          const log = storeFor(session.runtime.core, session.speaker.workspaceId);
          let result = await turn(loggedTurn(log, session.runtime.chat({ speaker: session.speaker, text, threadId, agent }), text), print);
          threadId = result.threadId;
          while (result.status === "awaiting_approval") {
            const yes = opts.yes || (rl ? /^y(es)?$/i.test((await rl.question("  approve? [y/N] ")).trim()) : false);
            result = await turn(loggedTurn(log, session.runtime.approve({ speaker: session.speaker, threadId: threadId!, approve: yes }), null), print);
          }
        };
        if (!interactive) {
          await ask(words.join(" "));
          out(`  (thread ${threadId})`);
          return;
        }
        out("FlashFusion chat — type a command; an empty line or Ctrl-D ends.");
        for (;;) {
          let line: string;
          try {
            line = await rl!.question("> ");
          } catch {
            break;
          }
          if (!line.trim()) break;
          await ask(line);
        }
      } finally {
        rl?.close();
        await session.close();
      }
    });
};
