import type { AnyTool } from "../define.js";

export const analyticsTools: readonly AnyTool[] = [];
