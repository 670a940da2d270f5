import { describe, expect, it } from "vitest";
import { charCount } from "../text.js";
import { appendTo, compose, fitTweet, hashtagFor, readTopic, TWEET_LIMIT } from "./templates.js";

const sender = "Ada Lovelace";

describe("readTopic", () => {
  it("reads what the text does from the topic's first words", () => {
    expect(readTopic("announcing our launch")).toEqual({ intent: "announce", topic: "our launch" });
    expect(readTopic("to announce the spring release.")).toEqual({ intent: "announce", topic: "the spring release" });
    expect(readTopic("inviting customers to our spring webinar")).toEqual({ intent: "invite", topic: "our spring webinar" });
    expect(readTopic("thanking our beta testers")).toEqual({ intent: "thank", topic: "our beta testers" });
    expect(readTopic("about their renewal next month")).toEqual({ intent: "about", topic: "their renewal next month" });
    expect(readTopic("our new pricing")).toEqual({ intent: "about", topic: "our new pricing" });
  });
});

describe("hashtagFor", () => {
  it("runs the topic's words together, or takes its last word when that is too long", () => {
    expect(hashtagFor("our launch")).toBe("#Launch");
    expect(hashtagFor("the new pricing page")).toBe("#PricingPage");
    expect(hashtagFor("the extraordinarily comprehensive quarterly infrastructure overhaul")).toBe("#Overhaul");
    expect(hashtagFor("our launch #buildinpublic")).toBe("");
    expect(hashtagFor("the")).toBe("");
    expect(hashtagFor("x".repeat(30))).toBe("");
  });
});

describe("compose", () => {
  it("writes the seed's tweet announcing our launch within 280 characters", () => {
    const { content } = compose({ kind: "tweet", topic: "announcing our launch", sender });
    expect(content).toBe(
      "Announcing our launch! We've been working hard on this and can't wait for you to try it. Tell us what you think! #Launch",
    );
  });

  it("keeps any tweet within 280 characters, cutting a long one on a word", () => {
    const topic = `announcing ${"the remarkably long and winding feature name ".repeat(12)}`;
    const { content } = compose({ kind: "tweet", topic, sender });
    expect(charCount(content)).toBeLessThanOrEqual(TWEET_LIMIT);
    expect(content.endsWith("…")).toBe(true);
    expect(content.startsWith("Announcing the remarkably long")).toBe(true);
    const words = content.slice(0, -1).split(" ");
    expect(words.every((w) => "Announcing the remarkably long and winding feature name".includes(w))).toBe(true);
  });

  it("prefers a shorter sentence to cutting one", () => {
    const name = "x".repeat(200);
    const { content } = compose({ kind: "tweet", topic: `announcing ${name}`, sender });
    expect(content).toBe(`Announcing ${name}! Tell us what you think.`);
  });

  it("writes an email with a subject, a greeting and the sender's name", () => {
    const email = compose({ kind: "email", topic: "about their renewal next month", to: "ACME team", sender });
    expect(email.subject).toBe("Their renewal next month");
    expect(email.content.startsWith("Hi ACME team,\n\nI'm writing to you about their renewal next month.")).toBe(true);
    expect(email.content.endsWith("Best regards,\nAda Lovelace")).toBe(true);
    const announce = compose({ kind: "email", topic: "our launch", intent: "announce", to: "kim@example.com", sender });
    expect(announce.subject).toBe("Announcing our launch");
    expect(announce.content.startsWith("Hi there,\n\nWe're excited to announce our launch.")).toBe(true);
  });

  it("writes a post with a title", () => {
    const post = compose({ kind: "post", topic: "inviting customers to our spring webinar", sender });
    expect(post.title).toBe("You're invited: our spring webinar");
    expect(post.content).toContain("You're invited to our spring webinar!");
    expect(post.content).toContain("#SpringWebinar");
  });
});

describe("fitTweet and appendTo", () => {
  it("takes the first candidate that fits", () => {
    expect(fitTweet(["a".repeat(281), "short  one "])).toBe("short one");
  });

  it("adds a line before an email's sign-off, at the end of a post, and within a tweet's limit", () => {
    const email = compose({ kind: "email", topic: "about the renewal", sender });
    const added = appendTo("email", email.content, "PS: the new price starts in April.");
    expect(added).toMatch(/PS: the new price starts in April\.\n\nBest regards,\nAda Lovelace$/);
    expect(appendTo("post", "Hello.", "More soon.")).toBe("Hello.\n\nMore soon.");
    const tweet = appendTo("tweet", "x".repeat(270), "and more words here");
    expect(charCount(tweet)).toBeLessThanOrEqual(TWEET_LIMIT);
  });
});
