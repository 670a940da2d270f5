import type { AnyTool } from "../define.js";

export const securityTools: readonly AnyTool[] = [];
