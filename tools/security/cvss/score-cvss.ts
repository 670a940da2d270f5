import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { SEVERITIES } from "./severity.js";
import { scoreCvss } from "./score.js";
import { CvssVectorError, EXAMPLE_VECTOR } from "./vector.js";

const one = (n: number) => n.toFixed(1);

export const scoreCvssTool = defineTool({
  name: "score_cvss",
  title: "Score a CVSS vector",
  description:
    "Calculate the CVSS base score of a CVSS 3.0 or 3.1 vector (with or without the CVSS:3.1/ prefix) with its severity rating and the impact and exploitability sub-scores; temporal and environmental scores too when the vector has those metrics.",
  domain: "security",
  input: z.object({
    vector: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the CVSS vector, e.g. AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", extract: "cvss_vector", cues: ["for", "of", "score", "vector"] })),
  }),
  output: z.object({
    version: z.enum(["3.0", "3.1"]),
    vector: z.string(),
    base_score: z.number(),
    severity: z.enum(SEVERITIES),
    impact_subscore: z.number(),
    exploitability_subscore: z.number(),
    temporal_score: z.number().nullable(),
    environmental_score: z.number().nullable(),
  }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  examples: [
    "What's the CVSS score for AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H?",
    "Score CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
    "Calculate the CVSS base score of AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L",
    "How severe is CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N?",
    "Rate this vector: AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N",
  ],
  keywords: ["cvss", "score", "vector", "severity", "base score", "rating", "calculate", "how severe"],
  run: async (input) => {
    try {
      return scoreCvss(input.vector);
    } catch (e) {
      if (e instanceof CvssVectorError) {
        throw new ToolError("VALIDATION", `${e.message}.`.replace(/\.\.$/, "."), { field: "vector", allowed: [EXAMPLE_VECTOR] });
      }
      throw e;
    }
  },
  reply: (o) => {
    const extra = [
      o.temporal_score !== null ? `temporal ${one(o.temporal_score)}` : null,
      o.environmental_score !== null ? `environmental ${one(o.environmental_score)}` : null,
    ].filter(Boolean);
    return [
      `CVSS ${o.version} base score: ${one(o.base_score)} (${o.severity}).`,
      `Impact sub-score ${one(o.impact_subscore)}, exploitability sub-score ${one(o.exploitability_subscore)}${extra.length ? `; ${extra.join(", ")}` : ""}.`,
      `Vector: ${o.vector}`,
    ].join("\n");
  },
});
