import { ClientV2, messageText } from "@parley/core";
import { MODEL } from "../corpus";
import type { Fetch } from "../fakeFetch";
import type { BenchClient } from "./client";
import { MESSAGES } from "./request";

/**
 * Parley as its README shows it: iterate the events, then ask for the final response. The text is checked
 * twice: from the deltas the caller saw and from the reply the reducer assembled.
 */
export function setup(fetch: Fetch): BenchClient {
  const co = new ClientV2({ apiKey: "x", fetch });
  return {
    async stream() {
      const stream = await co.chatStream({ model: MODEL, messages: MESSAGES });
      let text = "";
      for await (const event of stream) {
        if (event.type === "content-delta") text += event.delta.message.content.text ?? "";
      }
      const assembled = messageText((await stream.finalResponse()).message);
      if (assembled !== text) throw new Error("finalResponse() disagrees with the streamed deltas");
      return text;
    },
    async chat() {
      const reply = await co.chat({ model: MODEL, messages: MESSAGES });
      return messageText(reply.message);
    },
  };
}
