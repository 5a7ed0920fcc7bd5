import { MODEL, PROMPT } from "../corpus";

/** What the hand-written clients send, as Cohere's docs show it. */
export const URL_V2_CHAT = "https://api.cohere.com/v2/chat";
export const HEADERS = { authorization: "Bearer x", "content-type": "application/json", accept: "*/*" };
export const MESSAGES = [{ role: "user" as const, content: PROMPT }];

export function requestInit(stream: boolean): RequestInit {
  return {
    method: "POST",
    headers: HEADERS,
    body: JSON.stringify({ model: MODEL, messages: MESSAGES, stream }),
  };
}
