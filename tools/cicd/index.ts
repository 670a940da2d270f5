import type { AnyTool } from "../define.js";
import type { ServiceBundle, ServiceFactory } from "../services.js";
import { analyzeFailure } from "./analysis/analyze-failure.js";
import { analyzePerformance } from "./analysis/analyze-performance.js";
import { applyOptimization } from "./analysis/apply-optimization.js";
import { createApiKey } from "./keys/create-api-key.js";
import { listApiKeys } from "./keys/list-api-keys.js";
import { revokeApiKey } from "./keys/revoke-api-key.js";
import { createPipeline } from "./pipelines/create-pipeline.js";
import { deletePipeline } from "./pipelines/delete-pipeline.js";
import { getConfig } from "./pipelines/get-config.js";
import { listPipelines } from "./pipelines/list-pipelines.js";
import { updatePipeline } from "./pipelines/update-pipeline.js";
import { runnerServices } from "./runner/index.js";
import { cancelRun } from "./runs/cancel-run.js";
import { getStatus } from "./runs/get-status.js";
import { listRuns } from "./runs/list-runs.js";
import { triggerPipeline } from "./runs/trigger-pipeline.js";
import { secretTools } from "./secrets/index.js";
import { webhookServices, webhookTools } from "./webhooks/index.js";

/** CICDAssistant's tools: pipelines and runs, failure and performance analysis, API keys, webhooks, secrets. */
export const cicdTools: readonly AnyTool[] = [
  ...([
    triggerPipeline,
    getStatus,
    listRuns,
    cancelRun,
    analyzeFailure,
    analyzePerformance,
    applyOptimization,
    createPipeline,
    listPipelines,
    getConfig,
    updatePipeline,
    deletePipeline,
    createApiKey,
    listApiKeys,
    revokeApiKey,
  ] as unknown as AnyTool[]),
  ...webhookTools,
  ...secretTools,
];

/**
 * The webhook dispatcher (`services.webhooks`) and the pipeline runner (`services.runner`). The
 * dispatcher starts first, so the run.failed events of runs recovered after a crash are delivered.
 */
export const cicdServices: ServiceFactory = (base) => {
  const bundles: ServiceBundle[] = [webhookServices(base), runnerServices()(base)];
  return {
    services: Object.assign({}, ...bundles.map((b) => b.services)),
    start: async (services) => {
      for (const b of bundles) await b.start?.(services);
    },
    // In reverse: runs stopped by a shutdown still have their events queued for delivery.
    stop: async () => {
      for (const b of [...bundles].reverse()) await b.stop?.();
    },
  };
};

export { verifyApiKey, type KeyVerification, type KeyRejection } from "./keys/verify-api-key.js";
export { isWellFormedApiKey, KEY_PATTERN, KEY_PREFIX } from "./keys/key-format.js";
export type { PipelineRunner } from "./runner/index.js";
