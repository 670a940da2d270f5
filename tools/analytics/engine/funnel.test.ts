import { describe, expect, it } from "vitest";
import { countFunnel, funnelSteps, type FunnelEvent } from "./funnel.js";
import type { TimeRange } from "../time.js";

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse("2026-03-10T09:00:00Z");
const WEEK: TimeRange = { start: NOW - 7 * D, end: NOW, bounds: "(]" };

/** Events of a person as [hours before now, step indexes]. */
function person(id: string, events: [number, number[]][]): FunnelEvent[] {
  return events.map(([hoursAgo, steps]) => ({ person: id, time: NOW - hoursAgo * H, steps }));
}

function run(events: FunnelEvent[], stepCount: number, windowMs = 7 * D) {
  return countFunnel([...events].sort((a, b) => a.time - b.time), { stepCount, period: WEEK, windowMs });
}

describe("funnel counting", () => {
  it("counts a later step only after the earlier one (out-of-order steps do not convert)", () => {
    const events = [
      ...person("in-order", [[10, [0]], [9, [1]]]),
      ...person("out-of-order", [[10, [1]], [9, [0]]]),
      ...person("skipped-entry", [[5, [1]]]),
      ...person("entered-only", [[3, [0]]]),
    ];
    const { reached, conversionMs } = run(events, 2);
    expect(reached).toEqual([3, 1]);
    expect(conversionMs).toEqual([H]);
  });

  it("needs the next steps within the conversion window after entry", () => {
    const events = [...person("slow", [[100, [0]], [20, [1]]]), ...person("fast", [[100, [0]], [90, [1]]])];
    expect(run(events, 2, 24 * H).reached).toEqual([2, 1]);
    expect(run(events, 2, 4 * D).reached).toEqual([2, 2]);
  });

  it("enters only inside the period, but an entry may convert after a failed earlier one", () => {
    const events = [
      ...person("before-period", [[8 * 24, [0]], [10, [1]]]),
      // the first entry's window (24h) passes; the second entry converts
      ...person("second-try", [[100, [0]], [30, [0]], [20, [1]]]),
    ];
    expect(run(events, 2, 24 * H).reached).toEqual([1, 1]);
  });

  it("walks three steps in order, ignoring repeats and steps out of order", () => {
    const events = [
      ...person("a", [[10, [0]], [9, [2]], [8, [1]], [7, [2]]]),
      ...person("b", [[10, [0]], [9, [2]], [8, [1]]]),
      ...person("c", [[10, [0]], [9, [0]], [8, [0]]]),
    ];
    const { reached } = run(events, 3);
    expect(reached).toEqual([3, 2, 1]);
    expect(funnelSteps(reached)).toEqual([
      { index: 0, count: 3, step_conversion: 1, overall_conversion: 1, drop_off: 0 },
      { index: 1, count: 2, step_conversion: 2 / 3, overall_conversion: 2 / 3, drop_off: 1 },
      { index: 2, count: 1, step_conversion: 0.5, overall_conversion: 1 / 3, drop_off: 1 },
    ]);
  });

  it("lets one event count for a step repeated later in the funnel, one step at a time", () => {
    // /a → /b → /a: an /a view both enters and, after /b, completes
    const events = person("loop", [[10, [0, 2]], [9, [1]], [8, [0, 2]]]);
    expect(run(events, 3).reached).toEqual([1, 1, 1]);
    expect(run(person("once", [[10, [0, 2]]]), 3).reached).toEqual([1, 0, 0]);
  });

  it("answers zeros when no one entered", () => {
    expect(run([], 2).reached).toEqual([0, 0]);
    expect(funnelSteps([0, 0])[1]).toMatchObject({ step_conversion: 0, overall_conversion: 0, drop_off: 0 });
  });
});
