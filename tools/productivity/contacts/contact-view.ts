import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";

export type Contact = Entities["Contact"];

export const ContactView = z.object({
  id: z.string(),
  full_name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
});
export type ContactView = z.infer<typeof ContactView>;

export function viewContact(c: Contact): ContactView {
  return { id: c.id, full_name: c.full_name, email: c.email, company: c.company, phone: c.phone };
}

/** The actor's own contacts, by name. */
export function myContacts(ctx: ToolContext): Promise<Contact[]> {
  return ctx.store.find("Contact", { owner_id: ctx.actor.id }, { orderBy: "full_name" });
}

/** "Grace Hopper <grace@navy.example>, US Navy, +1 555 0100". */
export function contactLine(c: ContactView): string {
  const who = c.email ? `${c.full_name} <${c.email}>` : c.full_name;
  return `- ${[who, c.company, c.phone].filter(Boolean).join(", ")}`;
}

export function contactList(contacts: readonly ContactView[], heading: string, none: string): string {
  return contacts.length ? `${heading}\n${contacts.map(contactLine).join("\n")}` : none;
}
