import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const orderResource = defineResource({
  name: "order",
  title: "Order",
  description: "One order with its items, amounts, payment and workflow (get_order).",
  uriTemplate: "flashfusion://orders/{id}",
  variable: "id",
  tool: "get_order",
  args: (id) => ({ order_id: id }),
  values: async (store, prefix, _scope, limit) =>
    (await startingWith(store, "Order", "id", prefix, { orderBy: "created_at", direction: "desc", limit })).map((o) => ({
      value: o.id,
      label: `order ${o.id} (${o.status}, $${o.total_amount.toFixed(2)})`,
    })),
});
