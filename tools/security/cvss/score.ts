import type { CvssVersion } from "./metrics.js";
import { roundupFor } from "./roundup.js";
import { severityOf, type Severity } from "./severity.js";
import { parseCvssVector, type CvssVector } from "./vector.js";

/** Metric weights of CVSS v3.0 and v3.1 (specification §7.4; both versions share them). */
const W = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
  E: { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 },
  RL: { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 },
  RC: { X: 1, C: 1, R: 0.96, U: 0.92 },
  REQ: { X: 1, H: 1.5, M: 1, L: 0.5 },
} as const;

type Table = Readonly<Record<string, number>>;
const weight = (table: Table, value: string): number => {
  const w = table[value];
  if (w === undefined) throw new Error(`no CVSS weight for ${value}`);
  return w;
};

export interface CvssScores {
  version: CvssVersion;
  /** The vector as the specification writes it, with the CVSS:3.x prefix. */
  vector: string;
  base_score: number;
  severity: Severity;
  /** Impact and exploitability sub-scores of the base metrics, one decimal. */
  impact_subscore: number;
  exploitability_subscore: number;
  /** Only when the vector gives temporal / environmental metrics. */
  temporal_score: number | null;
  environmental_score: number | null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function impactOf(version: CvssVersion, scopeChanged: boolean, iss: number, modified: boolean): number {
  if (!scopeChanged) return 6.42 * iss;
  // v3.1 changed only the environmental (modified) impact formula for a changed scope.
  if (modified && version === "3.1") return 7.52 * (iss - 0.029) - 3.25 * (iss * 0.9731 - 0.02) ** 13;
  return 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
}

function exploitabilityOf(av: string, ac: string, pr: string, ui: string, scopeChanged: boolean): number {
  return 8.22 * weight(W.AV, av) * weight(W.AC, ac) * weight(scopeChanged ? W.PR.C : W.PR.U, pr) * weight(W.UI, ui);
}

/** The base, temporal and environmental scores of a parsed vector (specification §7.1–7.3). */
export function scoreVector(v: CvssVector): CvssScores {
  const roundup = roundupFor(v.version);
  const m = v.metrics;
  const changed = m.S === "C";
  const iss = 1 - (1 - weight(W.CIA, m.C)) * (1 - weight(W.CIA, m.I)) * (1 - weight(W.CIA, m.A));
  const impact = impactOf(v.version, changed, iss, false);
  const exploitability = exploitabilityOf(m.AV, m.AC, m.PR, m.UI, changed);
  const base = impact <= 0 ? 0 : roundup(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));

  const temporalFactor = weight(W.E, m.E ?? "X") * weight(W.RL, m.RL ?? "X") * weight(W.RC, m.RC ?? "X");
  const temporal = v.hasTemporal ? roundup(base * temporalFactor) : null;

  let environmental: number | null = null;
  if (v.hasEnvironmental) {
    const pick = (modified: string | undefined, base: string) => (modified && modified !== "X" ? modified : base);
    const mChanged = pick(m.MS, m.S) === "C";
    const miss = Math.min(
      1 -
        (1 - weight(W.REQ, m.CR ?? "X") * weight(W.CIA, pick(m.MC, m.C))) *
          (1 - weight(W.REQ, m.IR ?? "X") * weight(W.CIA, pick(m.MI, m.I))) *
          (1 - weight(W.REQ, m.AR ?? "X") * weight(W.CIA, pick(m.MA, m.A))),
      0.915,
    );
    const mImpact = impactOf(v.version, mChanged, miss, true);
    const mExploitability = exploitabilityOf(pick(m.MAV, m.AV), pick(m.MAC, m.AC), pick(m.MPR, m.PR), pick(m.MUI, m.UI), mChanged);
    environmental =
      mImpact <= 0 ? 0 : roundup(roundup(Math.min((mChanged ? 1.08 : 1) * (mImpact + mExploitability), 10)) * temporalFactor);
  }

  return {
    version: v.version,
    vector: v.canonical,
    base_score: base,
    severity: severityOf(base),
    impact_subscore: Math.max(0, oneDecimal(impact)),
    exploitability_subscore: oneDecimal(exploitability),
    temporal_score: temporal,
    environmental_score: environmental,
  };
}

/** Parses and scores a vector string; throws CvssVectorError with a readable message when invalid. */
export function scoreCvss(vector: string): CvssScores {
  return scoreVector(parseCvssVector(vector));
}
