import { describe, expect, it } from "vitest";
import { randomIds, seededIds } from "./ids.js";

describe("ids", () => {
  it("are made in creation order (so a new row lands at the end of its id index), unique, 16 base-32 characters after the prefix", () => {
    const ids = Array.from({ length: 20_000 }, () => randomIds.next("aud"));
    for (const id of ids) expect(id).toMatch(/^aud_[0-9a-hjkmnp-tv-z]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The first nine characters are the time: an id made later sorts after.
    const before = randomIds.next("x");
    const later = Date.now() + 5;
    while (Date.now() < later);
    expect(randomIds.next("x") > before).toBe(true);
  });

  it("are the same sequence for the same seed (evaluations)", () => {
    const a = seededIds(7);
    const b = seededIds(7);
    expect([a.next("ord"), a.next("ord")]).toEqual([b.next("ord"), b.next("ord")]);
  });
});
