import type { AnyTool } from "../define.js";

export const productivityTools: readonly AnyTool[] = [];
