import { CohereClientV2 } from "cohere-ai";
import { MODEL } from "../corpus";
import type { Fetch } from "../fakeFetch";
import type { BenchClient } from "./client";
import { MESSAGES } from "./request";

/** Cohere's official SDK, as its README shows it, with our fetch through its `fetch` option. */
export function setup(fetch: Fetch): BenchClient {
  const co = new CohereClientV2({ token: "x", fetch: fetch as typeof globalThis.fetch });
  return {
    async stream() {
      const stream = await co.chatStream({ model: MODEL, messages: MESSAGES });
      let text = "";
      for await (const event of stream) {
        if (event.type === "content-delta") text += event.delta?.message?.content?.text ?? "";
      }
      return text;
    },
    async chat() {
      const reply = await co.chat({ model: MODEL, messages: MESSAGES });
      const part = reply.message.content?.[0];
      return part?.type === "text" ? part.text : "";
    },
  };
}
