import type { AnyTool } from "../define.js";
import type { ServiceFactory } from "../services.js";
import { createToolCatalog } from "./catalog.js";
import { addContact } from "./contacts/add-contact.js";
import { findContacts } from "./contacts/find-contacts.js";
import { listContacts } from "./contacts/list-contacts.js";
import { draftContent } from "./drafts/draft-content.js";
import { finalizeDraft } from "./drafts/finalize-draft.js";
import { resumeDraft } from "./drafts/resume-draft.js";
import { reviseDraft } from "./drafts/revise-draft.js";
import { help } from "./help/help.js";
import { navigate } from "./help/navigate.js";
import { addNote } from "./notes/add-note.js";
import { deleteNote } from "./notes/delete-note.js";
import { listNotes } from "./notes/list-notes.js";
import { searchNotes } from "./notes/search-notes.js";
import { updateNote } from "./notes/update-note.js";
import { archiveProject } from "./projects/archive-project.js";
import { createProject } from "./projects/create-project.js";
import { listProjects } from "./projects/list-projects.js";
import { renameProject } from "./projects/rename-project.js";
import { assignTask } from "./tasks/assign-task.js";
import { completeTask } from "./tasks/complete-task.js";
import { createTask } from "./tasks/create-task.js";
import { listTasks } from "./tasks/list-tasks.js";

/** Copilot's tools, grouped by area in the order "what can you do" presents them. */
export const productivityTools: readonly AnyTool[] = [
  addNote,
  listNotes,
  searchNotes,
  updateNote,
  deleteNote,
  createProject,
  listProjects,
  renameProject,
  archiveProject,
  addContact,
  findContacts,
  listContacts,
  listTasks,
  createTask,
  completeTask,
  assignTask,
  draftContent,
  reviseDraft,
  resumeDraft,
  finalizeDraft,
  help,
  navigate,
];

export const productivityServices: ServiceFactory = (base) => ({
  services: { catalog: createToolCatalog(base.registry) },
});

export type { CatalogEntry, ToolCatalog } from "./catalog.js";
