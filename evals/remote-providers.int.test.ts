/**
 * The public Copilot suite through the real OpenAI and Anthropic SDKs, against local servers
 * that speak their wire protocols. Their "model" is the local provider reading the tool
 * definitions sent over the wire (llm/testing/brain.ts): this proves the plumbing — tools out,
 * calls back, results in, the reply out, usage recorded — not a model's skill.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toLlmTool } from "../graph/tool-defs.js";
import { startAnthropicStandIn } from "../llm/testing/anthropic-server.js";
import { localBrain } from "../llm/testing/brain.js";
import type { StandIn } from "../llm/testing/http.js";
import { startOpenAIStandIn } from "../llm/testing/openai-server.js";
import { defaultRegistry } from "../tools/index.js";
import { evaluate } from "./evaluate.js";

const COPILOT = fileURLToPath(new URL("../../shared/evals/public/copilot.yaml", import.meta.url));
const tools = defaultRegistry().list().map(toLlmTool);
let openai: StandIn;
let anthropic: StandIn;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startOpenAIStandIn({ responder: localBrain(tools) }), startAnthropicStandIn({ responder: localBrain(tools) })]);
  process.env.OPENAI_API_KEY = "sk-stand-in-openai";
  process.env.ANTHROPIC_API_KEY = "sk-ant-stand-in";
  process.env.OPENAI_BASE_URL = openai.url;
  process.env.ANTHROPIC_BASE_URL = anthropic.url;
});
afterAll(async () => {
  await openai?.close();
  await anthropic?.close();
});

describe.each(["openai", "anthropic"] as const)("the public Copilot suite through --provider %s", (provider) => {
  it("passes every case, with the requests on the provider's wire", async () => {
    const stand = provider === "openai" ? openai : anthropic;
    const before = stand.requests.length;
    const lines: string[] = [];
    const verdict = await evaluate({ paths: [COPILOT], provider }, (l) => lines.push(l));
    expect(verdict.exitCode, lines.join("\n")).toBe(0);
    expect(lines.join("\n")).toMatch(/public-copilot\s+9\s+9\s+100\.0%/);
    const sent = stand.requests.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(9);
    expect(sent.every((r) => r.protocol === provider && r.tools.length > 0)).toBe(true);
  }, 120_000);
});
