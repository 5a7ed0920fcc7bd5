import { describe, expect, it } from "vitest";
import { messageText } from "./messageText";
import type { AssistantMessageResponse, ChatMessage } from "./types";

describe("messageText", () => {
  it("returns string content as it is", () => {
    expect(messageText({ role: "user", content: "Hello" })).toBe("Hello");
  });

  it("joins the text parts of a reply in order and leaves thinking out", () => {
    const reply: AssistantMessageResponse = {
      role: "assistant",
      content: [
        { type: "thinking", thinking: "Let me add." },
        { type: "text", text: "2 + 2 " },
        { type: "text", text: "= 4" },
      ],
    };
    expect(messageText(reply)).toBe("2 + 2 = 4");
  });

  it("skips images and documents, and reads a single part given without an array", () => {
    const user: ChatMessage = {
      role: "user",
      content: [
        { type: "image_url", image_url: { url: "https://example.com/a.png" } },
        { type: "text", text: "What is this?" },
      ],
    };
    expect(messageText(user)).toBe("What is this?");
    const tool: ChatMessage = {
      role: "tool",
      tool_call_id: "t1",
      content: [{ type: "document", document: { data: { text: "not text" } } }],
    };
    expect(messageText(tool)).toBe("");
    expect(messageText({ content: { type: "text", text: "single" } })).toBe("single");
  });

  it("gives an empty string for nothing: no message, no content, a tool-call-only turn", () => {
    expect(messageText(undefined)).toBe("");
    expect(messageText(null)).toBe("");
    expect(messageText({ role: "assistant", tool_calls: [] } as ChatMessage)).toBe("");
    expect(messageText({ content: [null, 3, { type: "text" }] })).toBe("");
  });

  it("reads the chat store's messages, which carry ids and statuses beside wire content", () => {
    expect(
      messageText({
        id: "m1",
        role: "assistant",
        status: "streaming",
        content: [{ type: "text", text: "Hi" }],
      } as {
        content: unknown;
      }),
    ).toBe("Hi");
  });
});
