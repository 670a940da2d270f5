import type { AnyTool } from "../define.js";

export const commerceTools: readonly AnyTool[] = [];
