import type { AnyTool } from "../define.js";

export const cicdTools: readonly AnyTool[] = [];
