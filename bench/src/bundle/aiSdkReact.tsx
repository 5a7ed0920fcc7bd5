// @ai-sdk/react's useChat in a component, React itself left out of the bundle.
import { useChat } from "@ai-sdk/react";

export function Chat() {
  const { messages, sendMessage, status } = useChat();
  return (
    <div>
      {messages.map((message) => (
        <p key={message.id}>
          {message.parts.map((part) => (part.type === "text" ? part.text : "")).join("")}
        </p>
      ))}
      <button type="button" disabled={status !== "ready"} onClick={() => sendMessage({ text: "Hi" })}>
        Send
      </button>
    </div>
  );
}
