import { userOnboarding } from "./onboarding/workflow.js";
import { orderProcessing } from "./orders/workflow.js";
import type { AnyWorkflow } from "./workflow/types.js";

/** Every workflow FlowDirector runs: recovery after a crash looks executions up here by type. */
export const commerceWorkflows: readonly AnyWorkflow[] = [orderProcessing, userOnboarding];
