import { describe, expect, it } from "vitest";
import { lowerFirst, purposeLabel, unrecorded } from "./consent";

describe("consent words", () => {
  it("names purposes and lists those without an entry", () => {
    expect(purposeLabel("marketing_email")).toBe("Marketing e-mail");
    const current = [{ id: "1", purpose: "newsletter", granted: true, source: "Web form", wording: null, recorded_at: "2026-11-01T10:00:00Z" }] as const;
    expect(unrecorded([...current])).toEqual(["marketing_email", "phone_calls", "sms"]);
    expect(lowerFirst(purposeLabel("sms"))).toBe("text messages (SMS)");
  });
});
