import { sql } from "kysely";
import type { Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";
import { ToolError, invalid } from "../errors.js";

export type User = Entities["User"];

/** The user with this email, whatever its case. */
export async function findUserByEmail(store: Store, email: string): Promise<User | undefined> {
  const rows = await store
    .select("User")
    .where(sql`lower(${sql.ref(store.column("User", "email"))})`, "=", email.trim().toLowerCase())
    .limit(1)
    .execute();
  return store.decode("User", rows)[0];
}

/**
 * The user a person referred to: an email, a user id (usr_…) or a full name. `field` is the
 * argument it came from, for the error.
 */
export async function resolveUser(store: Store, ref: string, field: string): Promise<User> {
  const text = ref.trim();
  if (text.includes("@")) {
    const user = await findUserByEmail(store, text);
    if (!user) {
      throw new ToolError("NOT_FOUND", `No user ${text} in this workspace: check the email, or start onboarding for them first`, { field });
    }
    return user;
  }
  if (/^usr_/i.test(text)) {
    const user = await store.get("User", text);
    if (!user) throw new ToolError("NOT_FOUND", `No user ${text} in this workspace: check the id, or give their email`, { field });
    return user;
  }
  const rows = await store
    .select("User")
    .where(sql`lower(${sql.ref(store.column("User", "full_name"))})`, "=", text.toLowerCase())
    .orderBy(store.column("User", "email"))
    .execute();
  const named = store.decode("User", rows);
  if (named.length === 0) throw new ToolError("NOT_FOUND", `No user named "${text}" in this workspace: give their email instead`, { field });
  if (named.length > 1) {
    throw invalid(`${named.length} users are named "${text}"; which one do you mean?`, {
      field,
      allowed: named.map((u) => u.email),
      ask: true,
    });
  }
  return named[0]!;
}
