import { MAX_JSON_DEPTH } from "@parley/core/protocol";
import { describe, expect, it } from "vitest";
import type { Cassette } from "../cassette/cassette";
import { postChat, sampleCassette } from "../test/sampleCassette";
import { createCassetteFetch } from "./cassetteFetch";
import { createReplayFetch } from "./replayFetch";

const deep = JSON.stringify({ model: "m", messages: [{ role: "user", content: "Hi" }] }).replace(
  '"Hi"',
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
);
const fromFolder = (source: string): Cassette => ({ ...sampleCassette, source });

describe("replay's refusals", () => {
  it("answers JSON nested deeper than the limit with 400, never a stack overflow, recording or not", async () => {
    let forwarded = 0;
    const fetches = [
      createReplayFetch(sampleCassette),
      createCassetteFetch({
        mode: "auto",
        cassettes: sampleCassette,
        upstream: async () => {
          forwarded++;
          return new Response("{}");
        },
      }).fetch,
    ];
    for (const fetch of fetches) {
      const response = await fetch("/v2/chat", { method: "POST", body: deep });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: `invalid request: the body nests deeper than ${MAX_JSON_DEPTH} levels`,
      });
    }
    expect(forwarded).toBe(0);
  });

  it("names cassettes by file name in its answers, never by the folder they were loaded from", async () => {
    const fetch = createReplayFetch(
      [
        fromFolder("/home/me/secret-project/cassettes/chat.json"),
        fromFolder("C:\\Users\\me\\tapes\\win.json"),
      ],
      { sequence: true },
    );
    const messages: string[] = [];
    const ask = async (body: object) => {
      const response = await fetch(...postChat(body));
      if (response.status === 404) messages.push(((await response.json()) as { message: string }).message);
    };
    await ask({ model: "m", messages: [{ role: "user", content: "Bye" }], stream: false });
    for (let i = 0; i < 3; i++)
      await ask({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: false });
    expect(messages).toHaveLength(2); // the unmatched one, and the one past the recorded answers
    expect(messages[0]).toContain("Closest: chat.json interactions[0]");
    expect(messages[1]).toContain("first: chat.json interactions[0]");
    for (const message of messages) expect(message).not.toMatch(/home|secret-project|Users|tapes/);
  });
});
