import { describe, expect, it } from "vitest";
import { formatMoney, fromCents, percentOf, toCents } from "./money.js";
import { discountOf, mergeLines } from "./pricing.js";

describe("money in cents", () => {
  it("converts decimal amounts to cents and back exactly", () => {
    expect(toCents(12.99)).toBe(1299);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(fromCents(3312)).toBe(33.12);
  });

  it("rounds a percentage half up to the cent", () => {
    expect(percentOf(1230, 15)).toBe(185); // 1.845 → 1.85
    expect(percentOf(3897, 15)).toBe(585); // 5.8455 → 5.85
    expect(percentOf(9800, 10)).toBe(980);
    expect(percentOf(1, 50)).toBe(1); // 0.5 cent rounds up
    expect(percentOf(1, 49.999)).toBe(0);
    expect(percentOf(999, 33.333333)).toBe(333); // 332.99999 → 333
    expect(percentOf(1000, 12.5)).toBe(125);
    expect(percentOf(123_456_789_012, 17.5)).toBe(21_604_938_077); // 21 604 938 077.1 stays exact
  });

  it("prices 3 × 12.99 with 15 % off exactly: 38.97 − 5.85 = 33.12", () => {
    const subtotal = toCents(12.99) * 3;
    const discount = discountOf(subtotal, { percent_off: 15, amount_off: null });
    expect([subtotal, discount, subtotal - discount].map(fromCents)).toEqual([38.97, 5.85, 33.12]);
  });

  it("caps a fixed discount at the subtotal and prefers a percentage when a coupon has both", () => {
    expect(discountOf(2500, { percent_off: null, amount_off: 40 })).toBe(2500);
    expect(discountOf(2500, { percent_off: null, amount_off: 5.5 })).toBe(550);
    expect(discountOf(2500, { percent_off: 10, amount_off: 5 })).toBe(250);
    expect(discountOf(2500, { percent_off: null, amount_off: null })).toBe(0);
  });

  it("writes money with two decimals", () => {
    expect(formatMoney(8820)).toBe("$88.20");
    expect(formatMoney(-980)).toBe("-$9.80");
    expect(formatMoney(123456789, "usd")).toBe("$1,234,567.89");
    expect(formatMoney(5, "EUR")).toBe("€0.05");
    expect(formatMoney(125000, "CHF")).toBe("1,250.00 CHF");
  });
});

describe("line items", () => {
  it("merges lines naming one SKU in any case, keeping the first spelling and order", () => {
    expect(mergeLines([{ sku: "Product-A", quantity: 1 }, { sku: "product-b", quantity: 2 }, { sku: " PRODUCT-A", quantity: 3 }])).toEqual([
      { sku: "Product-A", quantity: 4 },
      { sku: "product-b", quantity: 2 },
    ]);
  });
});
