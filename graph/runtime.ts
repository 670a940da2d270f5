import type { Runtime, RuntimeOptions } from "./types.js";

/** Builds the conversational runtime: router, agents, tool door, checkpointer. */
export async function createRuntime(_options: RuntimeOptions): Promise<Runtime> {
  throw new Error("the conversational runtime is being built (graph/runtime.ts)");
}
