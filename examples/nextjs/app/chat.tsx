"use client";

import { ClientV2, messageText } from "@parley/core";
import { useChat } from "@parley/react";
import { type FormEvent, useState } from "react";

// No key in the browser: the route at /api/v2/chat adds it.
const client = new ClientV2({ baseUrl: "/api", apiKey: "" });

export function Chat() {
  const { messages, status, error, send, stop } = useChat({ client, model: "command-a-03-2025" });
  const [draft, setDraft] = useState("");
  const busy = status === "submitted" || status === "streaming";

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim() || busy) return;
    void send(draft);
    setDraft("");
  }

  return (
    <section aria-label="Chat">
      <ol>
        {messages.map((message) => (
          <li key={message.id} data-role={message.role}>
            <strong>{message.role === "user" ? "You" : "Assistant"}:</strong>{" "}
            {message.role === "user" || message.role === "assistant" ? messageText(message) : null}
          </li>
        ))}
      </ol>
      {error ? <p role="alert">{error.message}</p> : null}
      <form onSubmit={submit}>
        <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" disabled={busy}>
          Send
        </button>
        <button type="button" onClick={() => stop()} disabled={!busy}>
          Stop
        </button>
      </form>
    </section>
  );
}
