import type { RuntimeEvent } from "../graph/events.js";

/** Prints a turn's events as a conversation: who answers, which tools run, the reply. */
export function printer(out: (line: string) => void, options: { stream?: (text: string) => void } = {}) {
  let streaming = false;
  return (e: RuntimeEvent) => {
    switch (e.type) {
      case "agent":
        out(`  [${e.agent}]`);
        break;
      case "tool_start":
        out(`  → ${e.tool} ${JSON.stringify(e.args)}`);
        break;
      case "tool_end":
        if (e.status === "error") out(`  ✗ ${e.tool}: ${e.error?.message ?? "failed"}`);
        for (const [field, value] of Object.entries(e.shown_once ?? {})) out(`  🔑 ${field} (shown once, not stored): ${value}`);
        break;
      case "token":
        if (options.stream) {
          if (!streaming) options.stream("  ");
          streaming = true;
          options.stream(e.text.replace(/\n/g, "\n  "));
        }
        break;
      case "approval_required":
        out(`  ⚠ approval needed: ${e.approval.summary}`);
        break;
      case "message":
        if (streaming) {
          options.stream?.("\n");
          streaming = false;
        } else if (e.text) out(e.text.replace(/^/gm, "  "));
        break;
      case "error":
        out(`  error: ${e.message}`);
        break;
      default:
        break;
    }
  };
}
