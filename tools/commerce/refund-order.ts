import { defineReversalTool } from "./orders/reversal-tool.js";

export const refundOrder = defineReversalTool({
  name: "refund_order",
  title: "Refund order",
  to: "refunded",
  description: "Refund a paid order in full through the payment processor and return its stock (after approval)",
  examples: [
    "Refund order ord_7f3kq9x2m4wz",
    "Refund ord_1 because the item arrived damaged",
    "Give ada her money back for order ord_abc123",
    "Issue a full refund on ord_42",
    "Refund order ord_3vgm3m1pghvy6re9, reason: late delivery",
  ],
  keywords: ["refund", "money back", "reimburse", "chargeback", "return"],
});
