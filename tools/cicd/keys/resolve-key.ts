import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

type Key = Entities["APIKey"];

/** Words around a key's name that are not part of it: "the old-ci API key", "key ci-deployer". */
const AROUND = /^(?:the|my|our)\s+|(?<=^|\s)(?:api[\s-]?key|key|token)s?(?=\s|$)/gi;

/**
 * A key by id (key_…), name (case aside, with "the … API key" around it, or among other words:
 * "the leaked deploy-bot key") or preview ("ffai_...9999"). Several keys of that name prefer
 * the one not revoked; none is NOT_FOUND.
 */
export async function resolveKey(store: Store, ref: string): Promise<Key> {
  const keys = await store.find("APIKey", {}, { orderBy: "created_at", direction: "desc" });
  const raw = ref.trim().replace(/^["'`]+|["'`.!?]+$/g, "");
  const byId = keys.find((k) => k.id === raw);
  if (byId) return byId;
  const byPreview = keys.filter((k) => k.key_preview && (k.key_preview === raw || (raw.length >= 4 && k.key_preview.endsWith(raw.replace(/^ffai_\.*/, "")) && /^ffai_/.test(raw))));
  if (byPreview.length === 1) return byPreview[0]!;
  const name = raw.replace(AROUND, " ").replace(/\s+/g, " ").trim().toLowerCase();
  const named = keys.filter((k) => k.name.toLowerCase() === name || k.name.toLowerCase() === raw.toLowerCase());
  const said = new Set(name.split(/\s+/));
  const among = named.length ? named : keys.filter((k) => said.has(k.name.toLowerCase()));
  if (among.length) return among.find((k) => !k.revoked_at) ?? among[0]!;
  const known = keys.filter((k) => !k.revoked_at).slice(0, 12).map((k) => k.name);
  throw new ToolError("NOT_FOUND", `API key ${name || raw} not found${known.length ? `; there are: ${known.join(", ")}` : "; there are no active keys"}`, {
    field: "key",
    allowed: known,
  });
}
