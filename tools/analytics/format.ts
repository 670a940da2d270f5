/** How analytics numbers read in replies: rates as percentages, money with two decimals. */
import type { MetricUnit } from "./data/metrics.js";

export function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function money(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `${sign}$${Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = ms / 3_600_000;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

/** A measured value in its unit; `precise` keeps one decimal on counts (forecasts). */
export function measure(value: number, unit: MetricUnit, precise = false): string {
  if (unit === "money") return money(value);
  if (unit === "seconds") return `${value.toFixed(value < 100 ? 1 : 0)} s`;
  return precise ? value.toFixed(1) : String(Math.round(value));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
