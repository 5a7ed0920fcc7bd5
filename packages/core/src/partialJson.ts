import { createPartialJsonParser } from "./partialJsonParser";

/**
 * The value a prefix of a JSON text stands for so far, or `undefined` when nothing can be shown yet (or the text
 * is not the beginning of JSON). The rule: what is shown is never invented, only cut short.
 * - An object shows each key whose value has begun; a key still arriving, or a key without its value, is left out.
 * - A string still arriving shows the characters received so far (a half escape is left out).
 * - A number, `true`, `false` and `null` show only once complete: `12` may become `123`, `tr` is no value yet.
 * - An array shows its items as for object values.
 * A complete text gives what `JSON.parse` gives, but for a bare number, which cannot be known to have ended.
 */
export function parsePartialJson(text: string): unknown {
  const parser = createPartialJsonParser();
  parser.push(text);
  return parser.value;
}
