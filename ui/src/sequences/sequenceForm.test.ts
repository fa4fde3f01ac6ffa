import { describe, expect, it } from "vitest";
import { sequence } from "../test/sequences";
import { minutesToTime, percent, timeToMinutes, windowWords } from "./format";
import { emptyForm, formFromSequence, inputFromForm, localErrors, moveStep, newStep, shownField } from "./sequenceForm";
import { insertAt, missingAdvice } from "./templateText";

describe("sequence form → SequenceInput", () => {
  it("sends the steps in their order, with only the fields each kind uses, and A/B only when split", () => {
    const f = emptyForm();
    f.name = "  Welcome  ";
    f.description = "   ";
    const email = { ...f.steps[0], templateId: "t-1", split: true, templateBId: "t-2", title: "ignored", instructions: "ignored" };
    const wait = { ...newStep("wait"), delay: 4, businessDays: false };
    const call = { ...newStep("call"), delay: "2", businessDays: true, title: " Check in ", instructions: "", templateId: "t-9" };
    const unsplit = { ...newStep("email"), delay: 1, templateId: "t-3", split: false, templateBId: "t-4" };
    f.steps = [email, wait, call, unsplit];
    const input = inputFromForm(f);
    expect(input.name).toBe("Welcome");
    expect(input.description).toBeNull();
    expect(input.steps).toEqual([
      { id: null, kind: "email", delay_days: 0, business_days: true, template_id: "t-1", template_b_id: "t-2", title: null, instructions: null },
      { id: null, kind: "wait", delay_days: 4, business_days: false, template_id: null, template_b_id: null, title: null, instructions: null },
      { id: null, kind: "call", delay_days: 2, business_days: true, template_id: null, template_b_id: null, title: "Check in", instructions: null },
      { id: null, kind: "email", delay_days: 1, business_days: true, template_id: "t-3", template_b_id: null, title: null, instructions: null },
    ]);
    // Moving a step keeps its id and contents; the order sent follows the form.
    f.steps = moveStep(f.steps, 2, -1);
    expect(inputFromForm(f).steps.map((s) => s.kind)).toEqual(["email", "call", "wait", "email"]);
    expect(moveStep(f.steps, 0, -1)).toBe(f.steps);
  });

  it("sends the window's days sorted and once each, and hours only when turned on", () => {
    const f = emptyForm();
    f.days = [5, 1, 3, 3];
    expect(inputFromForm(f).window).toEqual({ days: [1, 3, 5], start: null, end: null });
    f.hours = true;
    f.start = "08:30";
    f.end = "17:00";
    expect(inputFromForm(f).window).toEqual({ days: [1, 3, 5], start: 510, end: 1020 });
  });

  it("round-trips a saved sequence, keeping step ids so their history stays", () => {
    const s = sequence({
      window: { days: [2, 4], start: 540, end: 1020 },
      steps: [
        { id: "st-1", kind: "email", delay_days: 0, business_days: false, template: { id: "t-1", name: "A" }, template_b: { id: "t-2", name: "B" }, title: null, instructions: null },
        { id: "st-2", kind: "task", delay_days: 5, business_days: true, template: null, template_b: null, title: "Send a card", instructions: "By hand" },
      ],
      triggers: [{ id: "tr-1", kind: "tier", value: "a", label: "Tier A", since: "2026-11-01T00:00:00Z" }],
    });
    const f = formFromSequence(s);
    expect(f.hours).toBe(true);
    expect([f.start, f.end]).toEqual(["09:00", "17:00"]);
    expect(f.steps[0].split).toBe(true);
    const input = inputFromForm(f);
    expect(input.window).toEqual(s.window);
    expect(input.steps.map((x) => [x.id, x.kind, x.delay_days, x.business_days, x.template_id, x.template_b_id, x.title, x.instructions])).toEqual([
      ["st-1", "email", 0, false, "t-1", "t-2", null, null],
      ["st-2", "task", 5, true, null, null, "Send a card", "By hand"],
    ]);
    expect(input.triggers).toEqual([{ kind: "tier", value: "a" }]);
    expect(input.exits).toEqual(s.exits);
  });

  it("catches a trigger without a value and half-set hours before asking", () => {
    const f = emptyForm();
    f.triggers = [{ key: "x", kind: "segment", value: null, since: null }];
    f.hours = true;
    f.end = "";
    expect(localErrors(f)).toEqual({
      "triggers.0.value": "Choose which one enrols contacts.",
      "window.start": "Give both a start and an end time, or turn the hours off.",
    });
  });

  it("knows which server fields it can show next to a control", () => {
    const f = emptyForm();
    expect(shownField("steps.0.delay_days", f)).toBe(true);
    expect(shownField("steps.3.delay_days", f)).toBe(false);
    expect(shownField("window.days", f)).toBe(true);
    expect(shownField("exits.on_reply", f)).toBe(false);
  });
});

describe("sequence words", () => {
  it("formats hours, windows and rates", () => {
    expect(minutesToTime(570)).toBe("09:30");
    expect(timeToMinutes("09:30")).toBe(570);
    expect(timeToMinutes("25:00")).toBeNull();
    expect(windowWords([1, 2, 3, 4, 5], 540, 1020)).toBe("Mon–Fri, 09:00–17:00");
    expect(windowWords([6, 1], null, null)).toBe("Mon, Sat, any time");
    expect(percent(0.125, 8)).toBe("12.5%");
    expect(percent(0, 0)).toBe("—");
    expect(percent(null)).toBe("—");
  });
});

describe("template text", () => {
  it("inserts a field at the cursor, replacing a selection", () => {
    expect(insertAt("Hello  there", 6, 6, "{{first_name}}")).toEqual({ text: "Hello {{first_name}} there", cursor: 20 });
    expect(insertAt("Hi NAME!", 3, 7, "{{first_name}}")).toEqual({ text: "Hi {{first_name}}!", cursor: 17 });
    expect(insertAt("End", null, null, "{{x}}")).toEqual({ text: "End{{x}}", cursor: 8 });
  });

  it("says which fields a contact has no value for, with a fallback to add", () => {
    expect(missingAdvice("Ana Costa", ["company", "booking_link"], { booking_link: "Booking link" })).toEqual([
      "Ana has no company: add a fallback like {{company|your team}}.",
      "{{booking_link}} (Booking link) has no value: fill it in (Settings → Custom merge fields) or add a fallback like {{booking_link|…}}.",
    ]);
  });
});
