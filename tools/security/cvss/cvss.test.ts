import { describe, expect, it } from "vitest";
import { roundup30, roundup31 } from "./roundup.js";
import { scoreCvss } from "./score.js";
import { severityOf } from "./severity.js";
import { CvssVectorError, parseCvssVector } from "./vector.js";

describe("CVSS v3.x base scores", () => {
  // Values as FIRST's v3.1 calculator gives them.
  it.each([
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"],
    ["AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "critical"],
    ["AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N", 3.8, "low"],
    ["AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:L", 4.3, "medium"],
    ["AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"],
    ["AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, "high"],
    ["AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "high"],
    ["AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "high"],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3, "medium"],
    ["AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, "medium"],
    ["AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, "none"],
  ])("%s scores %s (%s)", (vector, score, severity) => {
    const r = scoreCvss(vector);
    expect(r.base_score).toBe(score);
    expect(r.severity).toBe(severity);
  });

  it("reads the version prefix, and scores 3.0 and 3.1 base vectors alike", () => {
    expect(scoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({ version: "3.1", base_score: 9.8 });
    expect(scoreCvss("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({
      version: "3.0",
      base_score: 9.8,
      vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    });
    expect(scoreCvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version).toBe("3.1");
  });

  it("gives the impact and exploitability sub-scores", () => {
    expect(scoreCvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({ impact_subscore: 5.9, exploitability_subscore: 3.9 });
    expect(scoreCvss("AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N")).toMatchObject({ impact_subscore: 2.5, exploitability_subscore: 1.2 });
  });

  it("accepts metrics in any order and in lower case, and writes the canonical vector", () => {
    const r = scoreCvss("c:h/i:h/a:h/av:n/ac:l/pr:n/ui:n/s:u");
    expect(r.base_score).toBe(9.8);
    expect(r.vector).toBe("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  });

  it("scores temporal and environmental metrics when given", () => {
    // 9.8 × E:P 0.94 × RL:O 0.95 = 8.7514 → 8.8
    expect(scoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C").temporal_score).toBe(8.8);
    // MAV:L makes it the local vector, whose base score is 7.8 with PR:L and 8.4 with PR:N.
    expect(scoreCvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L").environmental_score).toBe(8.4);
    // Not-defined environmental metrics leave the score as the base score.
    expect(scoreCvss("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/CR:M/IR:M/AR:M").environmental_score).toBe(3.8);
    expect(scoreCvss("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({ temporal_score: null, environmental_score: null });
  });
});

describe("Roundup and severity", () => {
  it("v3.1 Roundup ignores floating-point noise that v3.0's ceiling rounds up", () => {
    expect(roundup31(4.000000000000001)).toBe(4.0);
    expect(roundup30(4.000000000000001)).toBe(4.1);
    expect(roundup31(4.02)).toBe(4.1);
    expect(roundup31(4)).toBe(4);
  });

  it("bands scores as CVSS v3.1 does", () => {
    expect([0, 0.1, 3.9, 4.0, 6.9, 7.0, 8.9, 9.0, 10].map(severityOf)).toEqual([
      "none", "low", "low", "medium", "medium", "high", "high", "critical", "critical",
    ]);
  });
});

describe("invalid vectors", () => {
  it.each([
    ["", /Give a CVSS vector/],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", /lacks the base metric A \(Availability\)/],
    ["AV:N/AC:L/PR:N/S:U/C:H/I:H", /lacks the base metrics UI \(User Interaction\) or A \(Availability\)/],
    ["AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /AV:X is not valid; Attack Vector \(AV\) takes N, A, L or P/],
    ["AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /AV appears twice/],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q", /Unknown metric "ZZ"/],
    ["AV:N/AC:L/Au:N/C:P/I:P/A:P", /CVSS v2 vector/],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", /CVSS 4.0 vectors are not supported/],
    ["CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", /Unknown CVSS version "3.2"/],
    ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A", /"A" is not a metric:value pair/],
  ])("rejects %j", (vector, message) => {
    expect(() => parseCvssVector(vector)).toThrow(CvssVectorError);
    expect(() => parseCvssVector(vector)).toThrow(message);
  });
});
