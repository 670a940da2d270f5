import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const securityTools: readonly AnyTool[] = [];

export const securityServices: ServiceFactory = () => ({});
