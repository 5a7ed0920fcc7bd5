// @parley/core in a browser app: one chat call and one stream.
import { ClientV2 } from "@parley/core";

const co = new ClientV2({ baseUrl: location.origin, apiKey: "" });
const model = "command-a-03-2025";

export async function chat(prompt: string) {
  return co.chat({ model, messages: [{ role: "user", content: prompt }] });
}

export async function stream(prompt: string, onText: (text: string) => void) {
  const reply = await co.chatStream({ model, messages: [{ role: "user", content: prompt }] });
  for await (const event of reply) {
    if (event.type === "content-delta") onText(event.delta.message.content.text ?? "");
  }
  return reply.finalResponse();
}
