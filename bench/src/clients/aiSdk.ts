import { createCohere } from "@ai-sdk/cohere";
import { generateText, streamText } from "ai";
import { MODEL, PROMPT } from "../corpus";
import type { Fetch } from "../fakeFetch";
import type { BenchClient } from "./client";

// The SDK logs a notice on first use; the benchmark's stdout is its report.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** The Vercel AI SDK with its Cohere provider, as its docs show it: `textStream` and `generateText`. */
export function setup(fetch: Fetch): BenchClient {
  const model = createCohere({ apiKey: "x", fetch: fetch as typeof globalThis.fetch })(MODEL);
  return {
    async stream() {
      const result = streamText({ model, prompt: PROMPT, maxRetries: 0 });
      let text = "";
      for await (const part of result.textStream) text += part;
      return text;
    },
    async chat() {
      const result = await generateText({ model, prompt: PROMPT, maxRetries: 0 });
      return result.text;
    },
  };
}
