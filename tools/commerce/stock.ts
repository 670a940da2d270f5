import type { Store } from "../../entities/store.js";

export type Reservation = { ok: true; left: number | null } | { ok: false; available: number };

/**
 * Takes `quantity` units of a product's stock in one conditional update (never below zero), so
 * two orders racing for the last unit — in one process or on two servers — cannot both get it.
 * Unlimited stock (null) is never short.
 */
export async function takeStock(store: Store, productId: string, quantity: number): Promise<Reservation> {
  const taken = await store.adjust("Product", productId, "stock", -quantity, { atLeast: 0 });
  if (taken) return { ok: true, left: taken.stock };
  const product = await store.require("Product", productId);
  if (product.stock === null) return { ok: true, left: null };
  return { ok: false, available: product.stock };
}

/** Gives `quantity` units back (a released reservation, a refund). Unlimited stock stays unlimited. */
export async function returnStock(store: Store, productId: string, quantity: number): Promise<number | null> {
  const returned = await store.adjust("Product", productId, "stock", quantity);
  return returned?.stock ?? null;
}
