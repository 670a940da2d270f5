import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { quoted } from "../text.js";
import { searchTerms } from "../words.js";
import { ContactView, contactList, myContacts, viewContact } from "./contact-view.js";

export const findContacts = defineTool({
  name: "find_contacts",
  title: "Find contacts",
  description: "Find your contacts whose name, email or company contains every word of the query.",
  domain: "productivity",
  input: z.object({
    query: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "a name, email or company to look for", extract: "text", cues: ["contact", "contacts", "named", "called", "for", "at", "from", "who works at", "look up"] })),
  }),
  output: z.object({ query: z.string(), contacts: z.array(ContactView) }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Contact"],
  examples: [
    "Find contact Grace",
    "Who do I know at US Navy?",
    "Look up the contact with email grace@navy.example",
    "Find my contacts from ACME",
    "Search contacts for Hopper",
  ],
  keywords: ["find", "search", "look up", "who", "contact", "contacts", "know"],
  run: async (input, ctx) => {
    const words = searchTerms(input.query, ["contact", "contacts", "people", "person", "know", "who", "works", "work"]);
    const contacts = (await myContacts(ctx)).filter((c) => {
      const haystack = [c.full_name, c.email, c.company].filter(Boolean).join(" ").toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
    return { query: input.query, contacts: contacts.map(viewContact) };
  },
  reply: (o) =>
    contactList(o.contacts, `Contacts matching ${quoted(o.query)} (${o.contacts.length}):`, `None of your contacts match ${quoted(o.query)}.`),
});
