import { ClientV2, messageText } from "@parley/core";
import { useChat } from "@parley/react";
import { useEffect } from "react";
import { MODEL, PROMPT } from "../corpus";
import type { Fetch } from "../fakeFetch";
import { type Recorder, useRecorder } from "./recorder";

interface Props {
  client: ClientV2;
  recorder: Recorder;
}

function Chat({ client, recorder }: Props) {
  const { messages, send, status, error } = useChat({ client, model: MODEL });
  const last = messages.at(-1);
  const text = last?.role === "assistant" ? messageText(last) : "";
  useRecorder(recorder, text, status === "ready" && last?.role === "assistant", error);
  useEffect(() => {
    recorder.started();
    void send(PROMPT);
  }, [send, recorder]);
  return <p>{text}</p>;
}

/** `useChat` of @parley/react with its defaults, its client reading the paced Cohere stream directly. */
export function parleyChat(fetch: Fetch, recorder: Recorder): React.JSX.Element {
  return <Chat client={new ClientV2({ apiKey: "x", fetch })} recorder={recorder} />;
}
