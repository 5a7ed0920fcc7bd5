// The floor: a hand-written chat call and stream reader for this one wire format.
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
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const event = JSON.parse(line.slice(6));
      if (event.type === "content-delta") onText(event.delta.message.content.text);
    }
  }
}
