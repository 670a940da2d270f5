import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { squash } from "../text.js";
import { ContactView, contactLine, myContacts, viewContact } from "./contact-view.js";

/** Names and companies as people type them in a list: "Grace Hopper," → "Grace Hopper". */
const cleanName = (s: string) => squash(s).replace(/^[\s,;:.([-]+|[\s,;:([-]+$/g, "");

export const addContact = defineTool({
  name: "add_contact",
  title: "Add a contact",
  description: "Save a person to your own contacts, with email, company and phone when given.",
  domain: "productivity",
  input: z.object({
    full_name: z
      .string()
      .transform(cleanName)
      .pipe(z.string().min(1).max(200))
      .meta(hint({ description: "the person's full name", extract: "name", cues: ["contact", "add contact", "new contact", "named", "called"] })),
    email: z
      .email()
      .transform((e) => e.toLowerCase())
      .optional()
      .meta(hint({ description: "the person's email address", extract: "email", cues: ["email", "e-mail", "mail", "email address"] })),
    company: z
      .string()
      .transform(cleanName)
      .pipe(z.string().min(1).max(200))
      .optional()
      .meta(hint({ description: "where the person works", extract: "name", cues: ["at", "from", "company", "works at", "of"] })),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s().-]{6,20}$/, "a phone number has 6 to 20 digits, spaces, dots, dashes or parentheses")
      .optional()
      // A phone number is digits after a cue word, never the rest of the sentence: extracted as a name.
      .meta(hint({ description: "the person's phone number", extract: "name", cues: ["phone", "phone number", "tel", "mobile", "cell"] })),
  }),
  output: ContactView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Contact"],
  writes: ["Contact"],
  examples: [
    "Add contact Grace Hopper, grace@navy.example, at US Navy",
    "New contact Ada Lovelace ada@example.com from Analytical Engines",
    "Save a contact: Linus Pauling, linus@caltech.example, phone +1 555 0100",
    "Add Katherine Johnson at NASA to my contacts",
    "Create a contact for Alan Turing, alan@bletchley.example",
  ],
  keywords: ["contact", "contacts", "person", "crm", "address book", "add", "save"],
  run: async (input, ctx) => {
    if (input.email) {
      const existing = (await myContacts(ctx)).find((c) => c.email?.toLowerCase() === input.email);
      if (existing) {
        throw new ToolError("CONFLICT", `You already have a contact with ${input.email}: ${existing.full_name}`, { field: "email" });
      }
    }
    const contact = await ctx.store.insert("Contact", {
      full_name: input.full_name,
      email: input.email ?? null,
      company: input.company ?? null,
      phone: input.phone ?? null,
      owner_id: ctx.actor.id,
    });
    return viewContact(contact);
  },
  reply: (c) => `Added contact:\n${contactLine(c)}`,
});
