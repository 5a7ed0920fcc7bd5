import { ClientV2, createChat, type MessageInput, messageText } from "@parley/core";
import { MODEL, makeTokens, PROMPT } from "../corpus";
import type { Fetch } from "../fakeFetch";
import type { StoreVariant } from "../tasks";

/** `count` earlier turns, user and assistant by turns, each 30 tokens of the mixed corpus (the same every run). */
export function earlierTurns(count: number): MessageInput[] {
  const tokens = makeTokens(count * 30, 11);
  return Array.from({ length: count }, (_, i) => {
    const text = tokens.slice(i * 30, (i + 1) * 30).join("");
    return i % 2 ? { role: "assistant", content: text } : { role: "user", content: text };
  });
}

/**
 * One reply, consumed the variant's way; resolves to the reply's text. `chatStream()`: the bare stream, `for
 * await` over its events appending the text, as an app without the store would. `createChat().send()`: a chat
 * holding `history` earlier turns, with a subscriber that reads every published snapshot as a UI would, until the
 * run has ended. Both send the same transcript.
 */
export function setupStore(variant: StoreVariant, history: number, fetch: Fetch): () => Promise<string> {
  const client = new ClientV2({ apiKey: "x", fetch });
  const turns = earlierTurns(history);
  if (variant === "chatStream()") {
    const messages = [
      ...turns.map((turn) =>
        turn.role === "assistant"
          ? { role: "assistant" as const, content: [{ type: "text" as const, text: turn.content as string }] }
          : { role: "user" as const, content: turn.content as string },
      ),
      { role: "user" as const, content: PROMPT },
    ];
    return async () => {
      const stream = await client.chatStream({ model: MODEL, messages });
      let text = "";
      for await (const event of stream) {
        if (event.type === "content-delta") text += event.delta.message.content.text ?? "";
      }
      return text;
    };
  }
  return async () => {
    const chat = createChat({ client, model: MODEL, messages: turns });
    let snapshots = 0;
    const unsubscribe = chat.subscribe(() => {
      if (chat.getSnapshot().messages.length > 0) snapshots++;
    });
    await chat.send(PROMPT);
    unsubscribe();
    const { status, error, messages } = chat.getSnapshot();
    if (status !== "ready") throw new Error(`the chat ended "${status}": ${error?.message}`);
    if (snapshots < 3) throw new Error(`only ${snapshots} snapshots were published`);
    return messageText(messages.at(-1));
  };
}
