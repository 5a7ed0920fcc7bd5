// ai + @ai-sdk/cohere in a browser app: one generateText call and one streamText.
import { createCohere } from "@ai-sdk/cohere";
import { generateText, streamText } from "ai";

const model = createCohere({ baseURL: `${location.origin}/v2`, apiKey: "" })("command-a-03-2025");

export async function chat(prompt: string) {
  return generateText({ model, prompt });
}

export async function stream(prompt: string, onText: (text: string) => void) {
  const result = streamText({ model, prompt });
  for await (const text of result.textStream) onText(text);
  return result.response;
}
