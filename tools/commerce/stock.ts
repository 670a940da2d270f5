import type { Store } from "../../entities/store.js";
import { conflict } from "../errors.js";

/** How often a compare-and-set is retried when another writer moved the stock in between. */
const ATTEMPTS = 8;

export type Reservation = { ok: true; left: number | null } | { ok: false; available: number };

/**
 * Takes `quantity` units of a product's stock with a compare-and-set, so that two orders racing
 * for the last unit cannot both get it. Unlimited stock (null) is never short.
 */
export async function takeStock(store: Store, productId: string, quantity: number): Promise<Reservation> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const product = await store.require("Product", productId);
    if (product.stock === null) return { ok: true, left: null };
    if (product.stock < quantity) return { ok: false, available: product.stock };
    const updated = await store.update("Product", productId, { stock: product.stock - quantity }, { stock: product.stock });
    if (updated) return { ok: true, left: updated.stock };
  }
  throw conflict(`The stock of product ${productId} kept changing while it was being reserved; try again`);
}

/** Gives `quantity` units back (a released reservation, a refund). Unlimited stock stays unlimited. */
export async function returnStock(store: Store, productId: string, quantity: number): Promise<number | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const product = await store.get("Product", productId);
    if (!product || product.stock === null) return null;
    const updated = await store.update("Product", productId, { stock: product.stock + quantity }, { stock: product.stock });
    if (updated) return updated.stock;
  }
  throw conflict(`The stock of product ${productId} kept changing while it was being returned; try again`);
}
