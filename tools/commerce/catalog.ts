import { sql } from "kysely";
import type { Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";
import { ToolError, invalid } from "../errors.js";

export type Product = Entities["Product"];
export type Coupon = Entities["Coupon"];

/** Products by SKU, matched without regard to case ("product-a" is Product-A); keyed by lower-case SKU. */
export async function productsBySku(store: Store, skus: readonly string[]): Promise<Map<string, Product>> {
  const wanted = [...new Set(skus.map((s) => s.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await store
    .select("Product")
    .where(sql`lower(${sql.ref(store.column("Product", "sku"))})`, "in", wanted)
    .execute();
  return new Map(store.decode("Product", rows).map((p) => [p.sku.toLowerCase(), p]));
}

export async function requireProduct(store: Store, sku: string): Promise<Product> {
  const product = (await productsBySku(store, [sku])).get(sku.trim().toLowerCase());
  if (!product) throw await unknownSku(store, sku);
  return product;
}

/** "No product with SKU X", with the SKUs that do exist so the person can correct it. */
export async function unknownSku(store: Store, sku: string): Promise<ToolError> {
  const known = (await store.find("Product", { active: true }, { orderBy: "sku", limit: 11 })).map((p) => p.sku);
  const hint = known.length === 0 ? "there are no products yet" : `known SKUs: ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", …" : ""}`;
  return new ToolError("NOT_FOUND", `No product with SKU ${sku} in this workspace (${hint})`, { field: "items", sku, allowed: known.slice(0, 10) });
}

/**
 * The coupon a person named, checked for use at `now`: unknown, inactive, expired or
 * misconfigured coupons are refused with the code named.
 */
export async function usableCoupon(store: Store, code: string, now: Date): Promise<Coupon> {
  const wanted = code.trim();
  const rows = await store
    .select("Coupon")
    .where(sql`upper(${sql.ref(store.column("Coupon", "code"))})`, "=", wanted.toUpperCase())
    .limit(1)
    .execute();
  const coupon = store.decode("Coupon", rows)[0];
  const field = "coupon_code";
  if (!coupon) throw new ToolError("NOT_FOUND", `Coupon ${wanted} not found in this workspace: check the code, or order without it`, { field });
  if (!coupon.active) throw invalid(`Coupon ${coupon.code} is not active: order without it or use another code`, { field });
  if (coupon.expires_at && new Date(coupon.expires_at).getTime() <= now.getTime()) {
    throw invalid(`Coupon ${coupon.code} expired on ${coupon.expires_at.slice(0, 10)}: order without it or use another code`, { field });
  }
  const percentOk = coupon.percent_off !== null && coupon.percent_off > 0 && coupon.percent_off <= 100;
  const amountOk = coupon.amount_off !== null && coupon.amount_off > 0;
  if (!percentOk && !amountOk) {
    throw invalid(`Coupon ${coupon.code} has no usable discount (percent_off between 0 and 100, or amount_off above 0): fix the coupon or order without it`, { field });
  }
  return coupon;
}
