import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { ContactView, contactList, myContacts, viewContact } from "./contact-view.js";

export const listContacts = defineTool({
  name: "list_contacts",
  title: "List my contacts",
  description: "List your own contacts by name, optionally only those at one company.",
  domain: "productivity",
  input: z.object({
    company: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only contacts at this company", extract: "name", cues: ["at", "from", "company", "who work at"] })),
  }),
  output: z.object({ company: z.string().nullable(), contacts: z.array(ContactView) }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Contact"],
  examples: [
    "Show my contacts",
    "List contacts at US Navy",
    "Who is in my address book?",
    "List all my contacts",
    "Show my contacts from ACME",
  ],
  keywords: ["contacts", "address book", "people", "list", "show", "crm"],
  run: async (input, ctx) => {
    const company = input.company?.toLowerCase();
    const contacts = (await myContacts(ctx)).filter((c) => !company || (c.company ?? "").toLowerCase().includes(company));
    return { company: input.company ?? null, contacts: contacts.map(viewContact) };
  },
  reply: (o) => {
    const what = o.company ? `contacts at ${o.company}` : "contacts";
    return contactList(o.contacts, `Your ${what} (${o.contacts.length}):`, `You have no ${what}.`);
  },
});
