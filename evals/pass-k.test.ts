import { describe, expect, it } from "vitest";
import { choose, passHatK } from "./pass-k.js";

describe("pass^k", () => {
  it("counts combinations exactly", () => {
    expect([choose(5, 0), choose(5, 1), choose(5, 2), choose(5, 5), choose(2, 3), choose(10, 3)]).toEqual([1, 5, 10, 1, 0, 120]);
  });

  it("averages C(c, k) / C(K, k) over cases, for k = 1…K", () => {
    const p = passHatK([3, 2, 0], 3);
    expect(Object.keys(p)).toEqual(["1", "2", "3"]);
    expect(p["1"]).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(p["2"]).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);
    expect(p["3"]).toBeCloseTo(1 / 3, 12);
  });

  it("is the pass rate with one trial, and falls as k grows for a flaky case", () => {
    expect(passHatK([1, 1, 0, 1], 1)).toEqual({ "1": 0.75 });
    const flaky = passHatK([4], 8);
    expect(flaky["1"]).toBe(0.5);
    expect(flaky["4"]).toBeCloseTo(1 / 70, 12);
    expect(flaky["5"]).toBe(0);
  });

  it("is 0 with no cases", () => {
    expect(passHatK([], 2)).toEqual({ "1": 0, "2": 0 });
  });
});
