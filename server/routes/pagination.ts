import { z } from "zod";

/** Seed 002's pagination: `page` (from 1) and `size` (1–100, default 20). */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  size: z.coerce.number().int().min(1).max(100).default(20),
});

/** `{items, total, page, size, pages}`. */
export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), size: z.number().int(), pages: z.number().int() });
}

export function pageOf<T>(items: T[], total: number, q: { page: number; size: number }) {
  return { items, total, page: q.page, size: q.size, pages: Math.ceil(total / q.size) };
}
