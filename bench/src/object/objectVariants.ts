import { ClientV2, chatObjectStream } from "@parley/core";
import { parsePartialJson } from "@parley/core/protocol";
import { MODEL } from "../corpus";
import type { Fetch } from "../fakeFetch";

/** The ways of consuming one structured reply that the object section compares; the first is the floor. */
export const OBJECT_VARIANTS = [
  "chatStream()",
  "chatObjectStream()",
  "re-parse the text so far on every delta (before)",
] as const;
export type ObjectVariant = (typeof OBJECT_VARIANTS)[number];

/** What one run consumed: the whole object as JSON text (checked against the reply), and how many partial objects it showed. */
export interface ObjectRun {
  json: string;
  partials: number;
}

const SCHEMA = { type: "object" } as const;
const MESSAGES = [{ role: "user" as const, content: "The spring catalogue as JSON." }];

/**
 * One structured reply, consumed the variant's way. `chatStream()`: the bare stream, appending the text, parsed
 * once at the end. `chatObjectStream()`: every partial object it yields, then `object()`. The last: what
 * `chatObjectStream` did before it read the text incrementally, on today's `parsePartialJson`: append each delta,
 * parse the whole text so far, and show it when its `JSON.stringify` differs from the last one shown.
 */
export function setupObject(variant: ObjectVariant, fetch: Fetch): () => Promise<ObjectRun> {
  const client = new ClientV2({ apiKey: "x", fetch });
  if (variant === "chatObjectStream()") {
    return async () => {
      const stream = await chatObjectStream(client, { model: MODEL, messages: MESSAGES, schema: SCHEMA });
      let partials = 0;
      let last: unknown;
      for await (const partial of stream) {
        partials++;
        last = partial;
      }
      const json = JSON.stringify(await stream.object());
      if (JSON.stringify(last) !== json) throw new Error("the last partial object differs from object()");
      return { json, partials };
    };
  }
  const reparse = variant !== "chatStream()";
  return async () => {
    const stream = await client.chatStream({ model: MODEL, messages: MESSAGES });
    let text = "";
    let partials = 0;
    let shown: string | undefined;
    for await (const event of stream) {
      if (event.type !== "content-delta") continue;
      text += event.delta.message.content.text ?? "";
      if (!reparse) continue;
      const partial = parsePartialJson(text);
      if (partial === undefined) continue;
      const json = JSON.stringify(partial);
      if (json === shown) continue;
      shown = json;
      partials++;
    }
    return { json: JSON.stringify(JSON.parse(text)), partials };
  };
}
