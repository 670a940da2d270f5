import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const commerceTools: readonly AnyTool[] = [];

export const commerceServices: ServiceFactory = () => ({});
