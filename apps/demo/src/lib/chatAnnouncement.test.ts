import type { AssistantUIMessage, UIMessage } from "@parley/core";
import { describe, expect, it } from "vitest";
import { chatAnnouncement } from "./chatAnnouncement";

const question: UIMessage = { id: "u1", role: "user", content: "Hi" };
/** A conversation whose last reply ended so; a tool result after it must not hide it. */
const reply = (
  status: AssistantUIMessage["status"],
  finish_reason?: AssistantUIMessage["finish_reason"],
): UIMessage[] => [
  question,
  { id: "r1", role: "assistant", content: [], status, finish_reason } as AssistantUIMessage,
  { id: "t1", role: "tool", tool_call_id: "c1", content: "{}" },
];

describe("chatAnnouncement", () => {
  it("says nothing on a fresh page", () => {
    expect(chatAnnouncement("ready", [])).toBe("");
  });

  it("says a message went out, then that the reply is arriving, without its text", () => {
    expect(chatAnnouncement("submitted", [question])).toBe("Message sent. Waiting for the reply.");
    expect(chatAnnouncement("streaming", reply("streaming"))).toBe("The assistant is replying.");
  });

  it("says how a reply ended", () => {
    expect(chatAnnouncement("ready", reply("complete", "COMPLETE"))).toBe("Reply complete.");
    expect(chatAnnouncement("ready", reply("complete", "MAX_TOKENS"))).toBe(
      "Reply complete: it reached the token limit.",
    );
    expect(chatAnnouncement("ready", reply("stopped"))).toBe("Reply stopped. The text so far is kept.");
    expect(chatAnnouncement("ready", reply("disconnected"))).toBe("The reply was cut off.");
    expect(chatAnnouncement("error", reply("error"))).toBe("The reply failed.");
  });
});
