import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/**
 * A successful result: `structuredContent` is the SAFE output (values shown once replaced,
 * display-only fields left out) with its JSON copy in text for older clients. Values shown once
 * (a new API key, a signing secret) go to this caller only, in a text block of this result.
 */
export function okResult(safe: unknown, shownOnce: Record<string, string> = {}): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: JSON.stringify(safe) }];
  const once = Object.entries(shownOnce);
  if (once.length) {
    content.push({
      type: "text",
      text: [
        "Shown only in this answer — FlashFusion does not keep these values; give them to the person now:",
        ...once.map(([field, value]) => `${field}: ${value}`),
      ].join("\n"),
    });
  }
  return { content, structuredContent: safe as Record<string, unknown> };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: "text", text }], isError: true };
}
