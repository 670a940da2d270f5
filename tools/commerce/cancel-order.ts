import { defineReversalTool } from "./orders/reversal-tool.js";

export const cancelOrder = defineReversalTool({
  name: "cancel_order",
  title: "Cancel order",
  to: "cancelled",
  description: "Cancel a pending or paid order, refunding a paid order's payment and returning its stock (after approval)",
  examples: [
    "Cancel order ord_7f3kq9x2m4wz",
    "Cancel ord_1 because the customer changed their mind",
    "Please cancel order ord_abc123",
    "Call off order ord_42, reason: duplicate",
    "Void order ord_3vgm3m1pghvy6re9",
  ],
  keywords: ["cancel", "void", "call off", "abort order"],
});
