import type { Store } from "../../entities/store.js";
import { invalid } from "../errors.js";
import { productsBySku, unknownSku, usableCoupon, type Coupon } from "./catalog.js";
import { percentOf, toCents, type Cents } from "./money.js";

export interface LineRequest {
  sku: string;
  quantity: number;
}

export interface PricedLine {
  product_id: string;
  /** The SKU as the catalog spells it. */
  sku: string;
  name: string;
  quantity: number;
  unit_cents: Cents;
  total_cents: Cents;
}

export interface Quote {
  lines: PricedLine[];
  /** The coupon's code as the catalog spells it. */
  coupon_code: string | null;
  percent_off: number | null;
  subtotal_cents: Cents;
  discount_cents: Cents;
  total_cents: Cents;
  currency: string;
}

/** Lines naming the same SKU (in any case) become one, in the order first named. */
export function mergeLines(items: readonly LineRequest[]): LineRequest[] {
  const merged = new Map<string, LineRequest>();
  for (const item of items) {
    const key = item.sku.trim().toLowerCase();
    const seen = merged.get(key);
    if (seen) seen.quantity += item.quantity;
    else merged.set(key, { sku: item.sku.trim(), quantity: item.quantity });
  }
  return [...merged.values()];
}

/**
 * The discount a coupon gives on a subtotal: a percentage rounded half up to the cent, once per
 * order, or a fixed amount capped at the subtotal. A coupon with both uses the percentage.
 */
export function discountOf(subtotal: Cents, coupon: Pick<Coupon, "percent_off" | "amount_off">): Cents {
  if (coupon.percent_off !== null && coupon.percent_off > 0) return Math.min(subtotal, percentOf(subtotal, coupon.percent_off));
  if (coupon.amount_off !== null && coupon.amount_off > 0) return Math.min(subtotal, toCents(coupon.amount_off));
  return 0;
}

/**
 * Prices an order from the catalog: every SKU known and for sale, one currency, the coupon
 * usable now. Throws a ToolError naming the SKU or code that is wrong.
 */
export async function quoteOrder(store: Store, items: readonly LineRequest[], couponCode: string | null, now: Date): Promise<Quote> {
  const requested = mergeLines(items);
  const products = await productsBySku(store, requested.map((l) => l.sku));
  const lines: PricedLine[] = [];
  for (const line of requested) {
    const product = products.get(line.sku.toLowerCase());
    if (!product) throw await unknownSku(store, line.sku);
    if (!product.active) throw invalid(`Product ${product.sku} is not for sale (inactive): remove it from the order`, { field: "items", sku: product.sku });
    const unit = toCents(product.price);
    lines.push({ product_id: product.id, sku: product.sku, name: product.name, quantity: line.quantity, unit_cents: unit, total_cents: unit * line.quantity });
  }
  const currencies = [...new Set(lines.map((l) => (products.get(l.sku.toLowerCase())?.currency ?? "USD").toUpperCase()))];
  if (currencies.length > 1) {
    throw invalid(`These products are priced in different currencies (${currencies.join(", ")}): place one order per currency`, { field: "items" });
  }
  const subtotal = lines.reduce((sum, l) => sum + l.total_cents, 0);
  const coupon = couponCode ? await usableCoupon(store, couponCode, now) : null;
  const discount = coupon ? discountOf(subtotal, coupon) : 0;
  return {
    lines,
    coupon_code: coupon?.code ?? null,
    percent_off: coupon?.percent_off ?? null,
    subtotal_cents: subtotal,
    discount_cents: discount,
    total_cents: subtotal - discount,
    currency: currencies[0] ?? "USD",
  };
}
