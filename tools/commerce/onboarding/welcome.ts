import { planLabel, type Plan } from "./plans.js";

export interface WelcomeEmail {
  title: string;
  form_data: { to: string; subject: string; content: string };
}

/** The welcome email drafted for a person being onboarded; someone reviews it before it is sent. */
export function welcomeEmail(to: { email: string; full_name: string }, plan: Plan, checklist: readonly string[]): WelcomeEmail {
  const first = to.full_name.trim().split(/\s+/)[0] || to.email.split("@")[0];
  const subject = `Welcome to FlashFusion, ${first}`;
  const content = [
    `Hi ${first},`,
    "",
    `Welcome to FlashFusion! Your workspace is ready on the ${planLabel(plan)} plan.`,
    "",
    "To get going:",
    ...checklist.map((title) => `- ${title}`),
    "",
    "Reply to this email whenever you need a hand.",
    "",
    "The FlashFusion team",
  ].join("\n");
  return { title: subject, form_data: { to: to.email, subject, content } };
}
