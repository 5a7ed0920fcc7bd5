import { createParser } from "eventsource-parser";
import type { Fetch } from "../fakeFetch";
import type { BenchClient } from "./client";
import { setup as loop } from "./loop";
import { requestInit, URL_V2_CHAT } from "./request";

/** The SSE parser @parley/core builds on, used alone: what the framing costs before any client logic. */
export function setup(fetch: Fetch): BenchClient {
  return {
    async stream() {
      const response = await fetch(URL_V2_CHAT, requestInit(true));
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      let done = false;
      const parser = createParser({
        onEvent(event) {
          if (done) return;
          if (event.data === "[DONE]") {
            done = true;
            return;
          }
          const parsed = JSON.parse(event.data);
          if (parsed.type === "content-delta") text += parsed.delta.message.content.text;
        },
      });
      while (!done) {
        const { done: ended, value } = await reader.read();
        if (ended) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      if (done) await reader.cancel();
      return text;
    },
    // A parser has no call of its own: a plain call is the loop's.
    chat: loop(fetch).chat,
  };
}
