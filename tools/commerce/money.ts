/**
 * Money arithmetic in integer cents. Entities hold decimal currency units (49.99); every sum,
 * product and discount is computed here in cents so that nothing drifts by a float's error.
 */

/** A whole number of cents. */
export type Cents = number;

/** Decimal currency units (as entities hold them) to cents. */
export function toCents(amount: number): Cents {
  const cents = Math.round(amount * 100);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${amount} is not an amount of money`);
  return cents;
}

/** Cents to decimal currency units, exact to the cent. */
export function fromCents(cents: Cents): number {
  return cents / 100;
}

const PERCENT_SCALE = 1_000_000n;

/**
 * `percent` % of `cents`, rounded half up to the cent: 15 % of 12.30 is 1.845, so 1.85. The
 * percentage is read to six decimals and the arithmetic is exact (BigInt), so no product of a
 * float ever decides a cent.
 */
export function percentOf(cents: Cents, percent: number): Cents {
  if (cents < 0 || percent < 0) throw new RangeError("percentOf works on amounts and percentages that are not negative");
  const scaled = BigInt(Math.round(percent * Number(PERCENT_SCALE)));
  const denominator = 100n * PERCENT_SCALE;
  const numerator = BigInt(cents) * scaled;
  return Number((2n * numerator + denominator) / (2n * denominator));
}

const SYMBOLS: Readonly<Record<string, string>> = { USD: "$", EUR: "€", GBP: "£" };

/** "$88.20", "-$9.80", "1,250.00 CHF": two decimals always. */
export function formatMoney(cents: Cents, currency = "USD"): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toLocaleString("en-US");
  const text = `${units}.${String(abs % 100).padStart(2, "0")}`;
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency.toUpperCase()}`;
}

/** Decimal currency units formatted as money: entities' amounts straight to words. */
export function formatAmount(amount: number, currency = "USD"): string {
  return formatMoney(toCents(amount), currency);
}
