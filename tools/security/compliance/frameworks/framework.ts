import type { CheckId } from "../checks.js";

export const FRAMEWORK_IDS = ["SOC2", "ISO27001", "GDPR", "HIPAA"] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** A control that the automated checks give evidence for. */
export interface AutomatedControl {
  id: string;
  title: string;
  checks: readonly CheckId[];
}

/** A control only people can evidence (policies, training, contracts): listed as `manual`. */
export interface ManualControl {
  id: string;
  title: string;
  /** What an auditor will ask for. */
  evidence: string;
}

export interface FrameworkDef {
  id: FrameworkId;
  /** As people write it: "SOC 2", "ISO/IEC 27001:2022". */
  name: string;
  automated: readonly AutomatedControl[];
  manual: readonly ManualControl[];
}
