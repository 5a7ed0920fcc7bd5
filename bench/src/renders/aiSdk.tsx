import { createCohere } from "@ai-sdk/cohere";
import { useChat } from "@ai-sdk/react";
import { type ChatTransport, DefaultChatTransport, streamText, type UIMessage } from "ai";
import { useEffect } from "react";
import { MODEL, PROMPT } from "../corpus";
import type { Fetch } from "../fakeFetch";
import { type Recorder, useRecorder } from "./recorder";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

interface Props {
  transport: ChatTransport<UIMessage>;
  throttle: number | undefined;
  recorder: Recorder;
}

function Chat({ transport, throttle, recorder }: Props) {
  const { messages, sendMessage, status, error } = useChat({ transport, throttle });
  const last = messages.at(-1);
  const text =
    last?.role === "assistant"
      ? last.parts.map((part) => (part.type === "text" ? part.text : "")).join("")
      : "";
  useRecorder(recorder, text, status === "ready" && last?.role === "assistant", error);
  useEffect(() => {
    recorder.started();
    void sendMessage({ text: PROMPT });
  }, [sendMessage, recorder]);
  return <p>{text}</p>;
}

/**
 * `useChat` of @ai-sdk/react as its docs deploy it: the hook talks to a route that runs `streamText` with the
 * Cohere provider and answers `toUIMessageStreamResponse()`. The route runs in-process here, behind the
 * transport's `fetch`; the paced Cohere stream is its upstream, so each token still arrives in its own read.
 */
export function aiSdkChat(cohereFetch: Fetch, recorder: Recorder, throttle: number | undefined) {
  const model = createCohere({ apiKey: "x", fetch: cohereFetch as typeof globalThis.fetch })(MODEL);
  const transport = new DefaultChatTransport({
    api: "http://127.0.0.1/api/chat",
    fetch: async () => streamText({ model, prompt: PROMPT, maxRetries: 0 }).toUIMessageStreamResponse(),
  });
  return <Chat transport={transport} throttle={throttle} recorder={recorder} />;
}
