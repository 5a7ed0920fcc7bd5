import { describe, expect, it } from "vitest";
import { describeEventlessBody } from "./describeEventlessBody";

describe("describeEventlessBody", () => {
  it("quotes a JSON body, such as an error sent with status 200 where events were asked for", () => {
    expect(describeEventlessBody('{"message":"upstream model overloaded, try again"}')).toBe(
      'the body is JSON: {"message":"upstream model overloaded, try again"}',
    );
  });

  it("counts the bytes of events that no blank line ends, as when a single CRLF separates them", () => {
    const text = 'event: message-start\ndata: {"text":"é"}\r\nevent: message-end\ndata: {}\r\n';
    expect(describeEventlessBody(text)).toBe(
      `the body had ${text.length + 1} bytes but no complete SSE event (no blank line ends one)`,
    );
    expect(describeEventlessBody("")).toBe(
      "the body had 0 bytes but no complete SSE event (no blank line ends one)",
    );
  });
});
