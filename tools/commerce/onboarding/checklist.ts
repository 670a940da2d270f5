import type { Plan } from "./plans.js";

export interface ChecklistItem {
  /** Stored on the Task's `current_step`. */
  key: string;
  title: string;
  dueInDays: number;
  /** Whose task it is: the person being onboarded, or the team onboarding them. */
  assignee: "user" | "team";
  plans: readonly Plan[];
}

const ALL: readonly Plan[] = ["starter", "pro", "enterprise"];

const CHECKLIST: readonly ChecklistItem[] = [
  { key: "confirm_email", title: "Confirm email address", dueInDays: 2, assignee: "user", plans: ALL },
  { key: "complete_profile", title: "Complete profile", dueInDays: 3, assignee: "user", plans: ALL },
  { key: "first_project", title: "Create a first project", dueInDays: 7, assignee: "user", plans: ALL },
  { key: "invite_team", title: "Invite teammates", dueInDays: 7, assignee: "user", plans: ["pro", "enterprise"] },
  { key: "kickoff_call", title: "Hold the kickoff call", dueInDays: 5, assignee: "team", plans: ["enterprise"] },
  { key: "configure_sso", title: "Configure single sign-on", dueInDays: 14, assignee: "user", plans: ["enterprise"] },
];

/** The onboarding checklist of a plan, in the order the items are due to be done. */
export function checklistFor(plan: Plan): ChecklistItem[] {
  return CHECKLIST.filter((item) => item.plans.includes(plan));
}
