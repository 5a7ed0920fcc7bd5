import type { Fetch } from "../fakeFetch";
import type { BenchClient } from "./client";
import { requestInit, URL_V2_CHAT } from "./request";

/**
 * The floor: what anyone would write by hand for this one wire format. One streaming TextDecoder, split on
 * LF, JSON.parse each `data:` line, append the content-delta text. No validation, no error handling.
 */
export function setup(fetch: Fetch): BenchClient {
  return {
    async stream() {
      const response = await fetch(URL_V2_CHAT, requestInit(true));
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        buffer += decoder.decode(value, { stream: true });
        let start = 0;
        for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n", start)) {
          const line = buffer.slice(start, end);
          start = end + 1;
          if (!line.startsWith("data: ")) continue;
          const data = line.slice(6);
          if (data === "[DONE]") {
            await reader.cancel();
            return text;
          }
          const event = JSON.parse(data);
          if (event.type === "content-delta") text += event.delta.message.content.text;
        }
        buffer = buffer.slice(start);
      }
    },
    async chat() {
      const response = await fetch(URL_V2_CHAT, requestInit(false));
      const reply = JSON.parse(await response.text());
      return reply.message.content[0].text;
    },
  };
}
