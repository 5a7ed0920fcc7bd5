// A React consumer: useChat and the selector hooks, typed under every resolution mode.
import { type Chat, ClientV2, messageText } from "@parley/core";
import { type UseChatResult, useChat, useChatMessage, useChatMessageIds, useChatStatus } from "@parley/react";
import { memo } from "react";

const client = new ClientV2({ baseUrl: "http://127.0.0.1:8787", apiKey: "" });

export function Transcript({ chat }: { chat: Chat }) {
  const ids = useChatMessageIds(chat);
  const status = useChatStatus(chat);
  return (
    <section aria-busy={status === "streaming"}>
      {ids.map((id) => (
        <Message key={id} chat={chat} id={id} />
      ))}
    </section>
  );
}

const Message = memo(function Message({ chat, id }: { chat: Chat; id: string }) {
  const message = useChatMessage(chat, id);
  return message ? <p>{messageText(message)}</p> : null;
});

export function App() {
  const result: UseChatResult = useChat({ client, model: "command-a-03-2025" });
  return (
    <>
      <Transcript chat={result.chat} />
      <button type="button" onClick={() => void result.send("Hello")}>
        Send
      </button>
    </>
  );
}
