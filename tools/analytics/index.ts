import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const analyticsTools: readonly AnyTool[] = [];

export const analyticsServices: ServiceFactory = () => ({});
