import { z } from "zod";
import { hint } from "../hint.js";
import { commandText } from "./steps-input.js";

/** Input fields shared by create_pipeline and update_pipeline. */
export const configFields = {
  provider: z
    .enum(["github", "gitlab", "local"])
    .optional()
    .meta(hint({ description: "where its builds happen: local (this server), github or gitlab", extract: "enum", cues: ["provider", "on", "a", "an"], aliases: { "github actions": "github", "gitlab ci": "gitlab", locally: "local", "this server": "local" } })),
  repository_name: z.string().trim().min(1).optional().meta(hint({ description: "the repository, as owner/name", extract: "text", cues: ["repository", "repo", "for repo"] })),
  project_type: z.string().trim().min(1).max(40).optional().meta(hint({ description: "the kind of project (nextjs, react, node…)", extract: "name", cues: ["project type", "type"] })),
  branch: z.string().trim().min(1).max(255).optional().meta(hint({ description: "the default git branch", extract: "text", cues: ["branch to", "on branch", "branch"] })),
  build_command: z.string().trim().min(1).optional().meta(hint({ description: "the build command, used as one step named build when there are no steps", extract: "text", cues: ["build command", "command"] })),
  environment: z.string().trim().min(1).optional().meta(hint({ description: "its target environment (name or id), or none", extract: "name", cues: ["target environment", "environment to", "environment"] })),
  working_directory: z.string().trim().min(1).optional().meta(hint({ description: "local pipelines: the absolute directory for its steps (default a fresh temporary one)", extract: "text", cues: ["working directory", "directory", "in dir"] })),
  step_timeout_seconds: z.number().int().min(1).max(24 * 3600).optional().meta(hint({ description: "the time limit of each step, in seconds", extract: "integer", cues: ["timeout", "timeout of", "time limit"] })),
};

/** "`npm run build` on branch main" → the text a field means, without quotes and trailing clauses. */
export const firstToken = (text: string | undefined) => commandText(text)?.split(/\s+/)[0];
