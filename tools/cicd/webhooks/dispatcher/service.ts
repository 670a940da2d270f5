import type { Store } from "../../../../entities/store.js";
import type { Delivery, WebhookEvent } from "./queue.js";

/** What tools see of the webhook dispatcher (ctx.services.webhooks). */
export interface WebhookDispatcher {
  /**
   * Queues deliveries of an event to every endpoint of the store's workspace that wants it, in
   * the store's transaction. Call `wake()` once that transaction has committed.
   */
  queue(store: Store, event: WebhookEvent): Promise<Delivery[]>;
  /** Looks for deliveries that are due now. */
  wake(): void;
  /** What keeps an endpoint URL from receiving webhooks (scheme, credentials, private address), or undefined. */
  endpointProblem(url: URL): string | undefined;
}

declare module "../../../services.js" {
  interface Services {
    webhooks: WebhookDispatcher;
  }
}
