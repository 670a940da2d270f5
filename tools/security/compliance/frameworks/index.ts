import type { FrameworkDef, FrameworkId } from "./framework.js";
import { GDPR } from "./gdpr.js";
import { HIPAA } from "./hipaa.js";
import { ISO27001 } from "./iso27001.js";
import { SOC2 } from "./soc2.js";

export const FRAMEWORKS: Readonly<Record<FrameworkId, FrameworkDef>> = { SOC2, ISO27001, GDPR, HIPAA };

export { FRAMEWORK_IDS, type FrameworkDef, type FrameworkId } from "./framework.js";
