// @parley/react's useChat in a component, React itself left out of the bundle.
import { ClientV2, messageText } from "@parley/core";
import { useChat } from "@parley/react";

const client = new ClientV2({ baseUrl: location.origin, apiKey: "" });

export function Chat() {
  const { messages, send, status } = useChat({ client, model: "command-a-03-2025" });
  return (
    <div>
      {messages.map((message) => (
        <p key={message.id}>{messageText(message)}</p>
      ))}
      <button type="button" disabled={status !== "ready"} onClick={() => send("Hi")}>
        Send
      </button>
    </div>
  );
}
