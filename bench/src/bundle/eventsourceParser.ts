// eventsource-parser alone, with the few lines a chat call and stream reader need around it.
import { createParser } from "eventsource-parser";

const url = "/v2/chat";
const headers = { "content-type": "application/json" };
const body = (prompt: string, stream: boolean) =>
  JSON.stringify({ model: "command-a-03-2025", messages: [{ role: "user", content: prompt }], stream });

export async function chat(prompt: string): Promise<string> {
  const response = await fetch(url, { method: "POST", headers, body: body(prompt, false) });
  return (await response.json()).message.content[0].text;
}

export async function stream(prompt: string, onText: (text: string) => void): Promise<void> {
  const response = await fetch(url, { method: "POST", headers, body: body(prompt, true) });
  const parser = createParser({
    onEvent({ data }) {
      if (data === "[DONE]") return;
      const event = JSON.parse(data);
      if (event.type === "content-delta") onText(event.delta.message.content.text);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(chunk, { stream: true }));
  }
}
