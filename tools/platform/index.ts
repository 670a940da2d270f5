import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";
import { ingestEvents } from "../analytics/ingest/ingest-events.js";

/**
 * Tools no agent holds: the platform's own doors call them (event ingestion over HTTP). They
 * live in their subject's folder; they are listed here.
 */
export const platformTools: readonly AnyTool[] = [ingestEvents as unknown as AnyTool];

export const platformServices: ServiceFactory = () => ({});
