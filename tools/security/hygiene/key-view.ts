import { z } from "zod";
import type { Entities } from "../../../entities/index.js";

/** An API key as hygiene replies show it: never its hash, only the preview. */
export const KeyView = z.object({
  id: z.string(),
  name: z.string(),
  key_preview: z.string(),
  permissions: z.array(z.string()),
  expires_at: z.string().nullable(),
  last_used: z.string().nullable(),
  created_at: z.string(),
});
export type KeyView = z.infer<typeof KeyView>;

export function viewKey(k: Entities["APIKey"]): KeyView {
  return {
    id: k.id,
    name: k.name,
    key_preview: k.key_preview,
    permissions: k.permissions,
    expires_at: k.expires_at,
    last_used: k.last_used,
    created_at: k.created_at,
  };
}

export const keyName = (k: KeyView) => (k.key_preview ? `${k.name} (${k.key_preview})` : k.name);
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
