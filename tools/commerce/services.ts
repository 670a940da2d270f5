import type { ServiceFactory } from "../services.js";
import { createTestPaymentProcessor } from "./payments/test-processor.js";
import { recoverWorkflows } from "./workflow/recovery.js";
import { commerceWorkflows } from "./workflows.js";

/**
 * Commerce's collaborators: the payment processor (the built-in test processor unless
 * `createCore({ services: { payments } })` puts a real one in), and at start the recovery of the
 * workflows a crash interrupted.
 */
export const commerceServices: ServiceFactory = (base) => ({
  services: { payments: createTestPaymentProcessor() },
  start: async (services) => {
    await recoverWorkflows({ db: base.db, cipher: base.cipher, clock: base.clock, ids: base.ids, services }, commerceWorkflows);
  },
});
