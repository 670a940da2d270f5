import type { Store } from "../../../entities/store.js";
import { failureError } from "../workflow/failure.js";
import { stepsOf } from "../workflow/progress.js";
import type { Execution } from "../workflow/types.js";

/**
 * The error a person hears when order processing failed: the cause (from the failing step),
 * then what became of the order, the money and the stock, read from the execution's steps and
 * the order as it is now.
 */
export async function orderFailure(store: Store, execution: Execution): Promise<Error> {
  const steps = stepsOf(execution);
  const orderId = steps.find((s) => s.name === "create_order")?.result?.order_id;
  const order = typeof orderId === "string" ? await store.get("Order", orderId) : undefined;
  const cause = (execution.error ?? "The order workflow failed").replace(/\.$/, "");
  if (!order) return failureError(execution, `${cause}. No order was written and nothing was charged`);

  const charge = steps.find((s) => s.name === "charge_payment");
  const declined = charge?.error?.details?.reason === "payment_declined";
  const money =
    charge?.status === "compensated"
      ? "the payment was refunded"
      : charge?.status === "compensation_failed"
        ? "the payment could not be refunded"
        : charge?.status === "failed" && !declined
          ? "the payment processor did not say whether it charged: check with it before ordering again"
          : "nothing was charged";
  const released = steps
    .filter((s) => s.name.startsWith("reserve_stock:") && s.status === "compensated" && Number(s.result?.reserved) > 0)
    .map((s) => s.name.slice("reserve_stock:".length));
  const stock = released.length ? `; the stock reserved for ${released.join(", ")} was released` : "";
  let headline = `Order ${order.id} is ${order.status} and ${money}${stock}`;
  if (execution.status === "compensation_failed") {
    const task = await store.findOne("Task", { related_id: execution.id, source: "workflow" });
    const broken = steps.filter((s) => s.status === "compensation_failed").map((s) => s.name);
    headline += `. Undoing ${broken.join(", ")} failed${task ? `: task ${task.id} asks a person to finish it` : ""}`;
  }
  return failureError(execution, `${cause}. ${headline}`, { order_id: order.id });
}
