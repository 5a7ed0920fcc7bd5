import { describe, expect, it } from "vitest";
import { judgeReply } from "./judgeReply";

const request = {
  model: "m",
  messages: [{ role: "user", content: "Bonjour, ça va ? Kraków, São Paulo, naïve" }],
};
const reply = (text: string) => ({
  id: "r",
  finish_reason: "COMPLETE",
  message: { role: "assistant", content: [{ type: "text", text }] },
  usage: { tokens: { input_tokens: 1, output_tokens: 1 } },
});
const unicode = (text: string) =>
  judgeReply(reply(text), { request, mode: "plain" }).find((result) => result.id === "reply.unicode");

describe("reply.unicode", () => {
  it("passes text with accents, CJK and emoji", () => {
    expect(unicode("Ça va très bien — Kraków, São Paulo, 日本語, 🎉, “quotes”")?.status).toBe("pass");
  });

  it("fails UTF-8 that was decoded as Latin-1 or Windows-1252 on the way", () => {
    const broken = unicode("Ã‡a va trÃ¨s bien â€” itâ€™s fine");
    expect(broken?.status).toBe("fail");
    expect(broken?.severity).toBe("required");
    expect(broken?.message).toMatch(/decoded as Latin-1 or Windows-1252/);
    expect(unicode("caf\u00C3\u00A9")?.status).toBe("fail");
  });

  it("fails a reply holding U+FFFD that the request did not", () => {
    expect(unicode("caf\uFFFD")?.status).toBe("fail");
  });
});
