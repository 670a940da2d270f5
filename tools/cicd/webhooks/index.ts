import type { AnyTool } from "../../define.js";
import type { ServiceFactory } from "../../services.js";
import { createWebhook } from "./create-webhook.js";
import { deleteWebhook } from "./delete-webhook.js";
import { createWebhookDispatcher } from "./dispatcher/dispatcher.js";
import { listWebhooks } from "./list-webhooks.js";
import { sendWebhook } from "./send-webhook.js";

export const webhookTools: readonly AnyTool[] = [createWebhook, listWebhooks, deleteWebhook, sendWebhook] as unknown as AnyTool[];

/** The webhook dispatcher (`services.webhooks`): started with the runtime, it resumes the queue. */
export const webhookServices: ServiceFactory = (base) => {
  const dispatcher = createWebhookDispatcher(base);
  return {
    services: { webhooks: dispatcher },
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
  };
};

export type { WebhookDispatcher } from "./dispatcher/service.js";
