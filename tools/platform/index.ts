import type { AnyTool } from "../define.js";

export const platformTools: readonly AnyTool[] = [];
