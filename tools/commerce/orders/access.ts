import type { Store } from "../../../entities/store.js";
import type { Actor } from "../../define.js";
import { ToolError } from "../../errors.js";
import type { Order } from "./summary.js";

/** Customers see their own orders only; admins and members see the workspace's. */
export function canSee(actor: Actor, order: Order): boolean {
  return actor.role !== "customer" || order.user_id === actor.id;
}

/** The order with this id as the actor may see it; another customer's order is "not found", as a missing one. */
export async function findOrder(store: Store, actor: Actor, id: string): Promise<Order> {
  const order = await store.get("Order", id.trim());
  if (!order || !canSee(actor, order)) {
    throw new ToolError("NOT_FOUND", `Order ${id.trim()} not found in this workspace: check the id (it looks like ord_…)`, { field: "order_id" });
  }
  return order;
}
