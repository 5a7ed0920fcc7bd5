import { describe, expect, it } from "vitest";
import { promptValues } from "./promptValues";

describe("promptValues", () => {
  it("reads places after a preposition, other names, and numbers with the word after them", () => {
    const values = promptValues(
      "Compare the weather in New York, São Paulo and Rio de Janeiro for 3 days, Zoë.",
    );
    expect(values.places).toEqual(["New York", "São Paulo", "Rio de Janeiro"]);
    expect(values.names).toEqual(["Zoë"]);
    expect(values.numbers).toEqual([{ value: 3, unit: "days" }]);
    expect(values.word).toBe("New York");
  });

  it("finds the time zone a prompt names: an IANA id, UTC, or a place it knows", () => {
    expect(promptValues("What time is it in Tokyo?").timeZone).toBe("Asia/Tokyo");
    expect(promptValues("What time is it in New York right now?").timeZone).toBe("America/New_York");
    expect(promptValues("And in Japan?").timeZone).toBe("Asia/Tokyo");
    expect(promptValues("Show the clock for Europe/Lisbon.").timeZone).toBe("Europe/Lisbon");
    expect(promptValues("Give me the time in UTC.").timeZone).toBe("UTC");
    expect(promptValues("What time is it?").timeZone).toBeUndefined();
    expect(promptValues("Convert it to Mars/Olympus.").timeZone).toBeUndefined();
  });

  it("does not take an acronym or the first word of a sentence for a place", () => {
    const values = promptValues("Describe Lisbon in JSON. Paris is nice.");
    expect(values.places).toEqual([]);
    expect(values.names).toEqual(["Lisbon", "JSON"]);
  });

  it("reads quotes, dates, e-mails, URLs, negative and grouped numbers", () => {
    const values = promptValues(
      "Search “café hours” from 2026-05-01, mail zoe@example.com, see https://example.com/a?b=1. It was -4 degrees, 1,200 people.",
    );
    expect(values.quoted).toEqual(["café hours"]);
    expect(values.topic).toBe("café hours");
    expect(values.dates).toEqual(["2026-05-01"]);
    expect(values.emails).toEqual(["zoe@example.com"]);
    expect(values.urls).toEqual(["https://example.com/a?b=1"]);
    expect(values.numbers.map((n) => n.value)).toEqual([2026, 5, 1, -4, 1200]);
  });

  it("takes the topic from what follows about or for, else the first sentence", () => {
    expect(promptValues("Tell me about the history of bridges. Thanks!").topic).toBe(
      "the history of bridges",
    );
    expect(promptValues("...  Lighthouses at night? Yes.").topic).toBe("Lighthouses at night");
  });
});
