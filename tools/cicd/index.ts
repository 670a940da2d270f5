import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const cicdTools: readonly AnyTool[] = [];

export const cicdServices: ServiceFactory = () => ({});
