import { describeError } from "../suite/describeError";

/** An SDK's error with its causes (the AI SDK says "Invalid JSON response" and puts the why in `cause`), clipped. */
export function describeSdkError(error: unknown, limit = 400): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 3; depth++) {
    parts.push(describeError(e));
    e = (e as { cause?: unknown }).cause;
  }
  // A validation error quotes the whole reply before saying what is wrong with it.
  const text = parts
    .join(", caused by ")
    .replace(/\s+/g, " ")
    .replace(/Value: .*?\. Error message: /, "");
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
