import { describe, expect, it } from "vitest";
import { describeEventlessBody } from "./describeEventlessBody";

const describeText = (text: string) => describeEventlessBody(text, new TextEncoder().encode(text).length);

describe("describeEventlessBody", () => {
  it("quotes a JSON body, such as an error sent with status 200 where events were asked for", () => {
    expect(describeText('{"message": "upstream model overloaded, try again"}')).toBe(
      'the body is JSON, not server-sent events: {"message":"upstream model overloaded, try again"}',
    );
  });

  it("counts the bytes of events that no blank line ends, as when a single CRLF separates them", () => {
    const text = 'event: message-start\ndata: {"type":"message-start"}\r\nevent: message-end\ndata: {}\r\n';
    expect(describeText(text)).toBe(
      `the body had ${text.length} bytes but no complete SSE event (no blank line ends one)`,
    );
  });

  it("says when blank lines end blocks that carry no data, and shows the start of a body that is not SSE", () => {
    expect(describeText(": keep-alive\n\n: keep-alive\n\n")).toMatch(
      /\(none carries data\); it starts ": keep-alive\\n/,
    );
    expect(describeText("<html>busy</html>")).toBe(
      'the body had 17 bytes but no complete SSE event (no blank line ends one); it starts "<html>busy</html>"',
    );
    expect(describeEventlessBody("", 0)).toBe("the body was empty");
  });
});
