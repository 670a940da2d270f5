import type { EntityName } from "../entities/index.js";
import type { GivenRow } from "./given.js";
import type { TurnExpect } from "./suite-schema.js";

export type { TurnExpect } from "./suite-schema.js";

/** A suite file, loaded and checked. */
export interface Suite {
  name: string;
  /** The file as the person named it (relative to the working directory when inside it). */
  file: string;
  sha256: string;
  /** Held-out paraphrases (a `paraphrase-holdout` folder): reported on their own. */
  holdout: boolean;
  cases: EvalCase[];
}

export type Turn =
  | { kind: "say"; text: string; expect: TurnExpect }
  | { kind: "approve"; approve: boolean; expect: TurnExpect };

export interface StateCheck {
  entity: EntityName;
  where?: Record<string, unknown>;
  count?: number | Record<string, unknown>;
  fields?: Record<string, unknown>;
}

export interface EvalCase {
  suite: string;
  file: string;
  id: string;
  description?: string;
  tags: string[];
  /** The frozen clock of the case, ISO 8601. */
  now: string;
  /** The User who speaks; undefined: the default actor. */
  actor?: string;
  given: GivenRow[];
  turns: Turn[];
  expectState: StateCheck[];
  unchanged: EntityName[];
}

/** The default actor the harness creates when a case names none. */
export const DEFAULT_ACTOR = {
  id: "usr_actor",
  email: "actor@example.com",
  full_name: "Actor",
  role: "admin",
} as const;

export const DEFAULT_NOW = "2026-03-10T09:00:00Z";
