export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Whole days from `iso` to `now` (negative for a future time). */
export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

/** Whole days from `now` to `iso`, counting a part of a day as a day ("in 5 days"). */
export function daysUntil(iso: string, now: Date): number {
  return Math.ceil((Date.parse(iso) - now.getTime()) / DAY_MS);
}

export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}
