import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";

export const productivityTools: readonly AnyTool[] = [];

export const productivityServices: ServiceFactory = () => ({});
