import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const platformTools: readonly AnyTool[] = [];

export const platformServices: ServiceFactory = () => ({});
