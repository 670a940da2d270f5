import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

export const Project = defineEntity({
  name: "Project",
  table: "projects",
  prefix: "prj",
  fields: {
    name: f.text(),
    type: f.textOrNull(),
    status: f.enum(["active", "archived"], "active"),
    owner_id: f.textOrNull(),
  },
  ownerField: "owner_id",
  indexes: [["owner_id"]],
});

export const Note = defineEntity({
  name: "Note",
  table: "notes",
  prefix: "note",
  fields: {
    content: f.text(),
    project_id: f.textOrNull(),
    tags: f.json(z.array(z.string()), () => []),
    remind_at: f.timeOrNull(),
    owner_id: f.textOrNull(),
  },
  ownerField: "owner_id",
  indexes: [["owner_id"]],
});

export const Contact = defineEntity({
  name: "Contact",
  table: "contacts",
  prefix: "con",
  fields: {
    full_name: f.text(),
    email: f.textOrNull(),
    company: f.textOrNull(),
    phone: f.textOrNull(),
    owner_id: f.textOrNull(),
  },
  ownerField: "owner_id",
});

export const DraftRevision = z.object({ at: z.string(), form_data: z.record(z.string(), z.unknown()) });

export const Draft = defineEntity({
  name: "Draft",
  table: "drafts",
  prefix: "drf",
  fields: {
    tool_type: f.enum(["email", "tweet", "post"]),
    title: f.textOrNull(),
    form_data: f.json(z.record(z.string(), z.unknown()), () => ({ content: "" })),
    status: f.enum(["draft", "final"], "draft"),
    revisions: f.json(z.array(DraftRevision), () => []),
    owner_id: f.textOrNull(),
  },
  ownerField: "owner_id",
});
