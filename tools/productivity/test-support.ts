import { expect } from "vitest";
import type { ToolOutcome } from "../door.js";
import { createTestKit, type TestKit } from "../testing.js";
import { productivityTools } from "./index.js";

/** A test kit holding Copilot's tools only, so these tests do not depend on other domains. */
export function productivityKit(options: { now?: string } = {}): Promise<TestKit> {
  return createTestKit({ ...options, tools: productivityTools });
}

/** The output and reply of a call that must have succeeded. */
export function ok<T = any>(outcome: ToolOutcome): { output: T; reply: string } {
  expect(outcome.status).toBe("ok");
  if (outcome.status !== "ok") throw new Error("unreachable");
  return { output: outcome.output as T, reply: outcome.reply };
}
