import type { AnyTool } from "../define.js";
import { cancelOrder } from "./cancel-order.js";
import { createOrder } from "./create-order.js";
import { getOrder } from "./get-order.js";
import { listOrders } from "./list-orders.js";
import { refundOrder } from "./refund-order.js";
import { rollbackWorkflow } from "./rollback-workflow.js";
import { showWorkflow } from "./show-workflow.js";
import { startOnboarding } from "./start-onboarding.js";

/** FlowDirector's tools: orders and payments, onboarding, and the workflows behind them. */
export const commerceTools: readonly AnyTool[] = [
  createOrder,
  getOrder,
  listOrders,
  cancelOrder,
  refundOrder,
  startOnboarding,
  rollbackWorkflow,
  showWorkflow,
];

export { commerceServices } from "./services.js";
export type { PaymentProcessor, ChargeRequest, ChargeResult, RefundRequest, RefundResult } from "./payments/processor.js";
export { createTestPaymentProcessor } from "./payments/test-processor.js";
