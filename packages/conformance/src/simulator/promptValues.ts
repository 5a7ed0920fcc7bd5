import { findArithmeticExpression } from "./arithmeticExpression";
import { findTimeZone, timeZoneOfPlace } from "./timeZones";

/** A number of the prompt with the word after it ("3 days"), so a parameter named `days` can find it. */
export interface PromptNumber {
  value: number;
  unit: string;
}

/** Values a prompt holds, read once, so tool arguments and JSON replies come from the part that fits. */
export interface PromptValues {
  prompt: string;
  expression: string | undefined;
  timeZone: string | undefined;
  /** Capitalised names after "in", "at", "for", "from", "to", "near"…: cities, countries. */
  places: string[];
  /** Other capitalised names, not at the start of a sentence. */
  names: string[];
  numbers: PromptNumber[];
  /** Text in quotes. */
  quoted: string[];
  dates: string[];
  emails: string[];
  urls: string[];
  /** What the prompt is about, for a query or a topic. */
  topic: string;
  /** One salient word: the first name or place, else the longest word. */
  word: string;
}

// Word lists as regexes, not Sets: a regex literal is pure, so bundles without the simulator drop it.
/** Words too common to say what a prompt is about (whole lower-case words). */
export const STOP_WORDS =
  /^(?:a|an|and|are|can|could|do|does|for|from|get|give|how|i|in|is|it|me|my|of|on|or|please|show|tell|the|to|use|what|when|where|which|who|why|will|with|would|you|your)$/;
const PLACE_PREPOSITIONS = /^(?:in|at|for|from|to|near|around|visit|visiting|of|across|between)$/;
// Lower-case words that belong inside a place's name ("Rio de Janeiro").
const NAME_CONNECTORS = /^(?:de|da|do|del|la|le|am|upon)$/;
// A dot belongs to a word only between letters ("U.S"), so "in JSON. Paris" ends a sentence.
const WORD_OR_STOP = /\d+(?:[.,]\d+)*|[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}'’-]|\.(?=\p{L}))*|[.!?;:,]/gu;
const URL = /\bhttps?:\/\/[^\s"“”'<>]+[^\s"“”'<>.,!?)]/g;

/** Reads the values of a prompt; every scan is linear in its length. */
export function promptValues(prompt: string): PromptValues {
  const urls = [...prompt.matchAll(URL)].map((m) => m[0]);
  // URLs blanked out (same length, so offsets hold): their digits and words are not the prompt's.
  const text = prompt.replace(URL, (url) => " ".repeat(url.length));
  const words: Array<{ text: string; at: number; sentenceStart: boolean; afterComma: boolean }> = [];
  let sentenceStart = true;
  let afterComma = false;
  for (const { 0: word, index: at } of text.matchAll(WORD_OR_STOP)) {
    if (word === ",") afterComma = true;
    else if (/^[.!?;:]$/.test(word)) sentenceStart = true;
    else {
      words.push({ text: word.replace(/['’-]+$/, ""), at, sentenceStart, afterComma });
      sentenceStart = false;
      afterComma = false;
    }
  }

  const places: string[] = [];
  const names: string[] = [];
  const numbers: PromptNumber[] = [];
  // Where the last place ended, so a list goes on with places: "in Paris, Rome and Oslo".
  let placeEnd = -2;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as (typeof words)[number];
    if (/^\d/.test(word.text)) {
      const value = Number(word.text.replace(/,/g, ""));
      // "-5" is negative; "3-5" is a range.
      const negative = prompt[word.at - 1] === "-" && !/[\w.]/.test(prompt[word.at - 2] ?? "");
      if (Number.isFinite(value))
        numbers.push({ value: negative ? -value : value, unit: words[i + 1]?.text.toLowerCase() ?? "" });
      continue;
    }
    // A capital at the start of a sentence says nothing; a name right after it still counts ("Describe Lisbon").
    if (!isCapitalised(word.text) || word.sentenceStart) continue;
    // A run of capitalised words, with connectors inside: "New York", "Rio de Janeiro".
    let end = i + 1;
    while (end < words.length) {
      const next = words[end]?.text ?? "";
      if (isCapitalised(next) && !words[end]?.sentenceStart && !words[end]?.afterComma) end++;
      else if (NAME_CONNECTORS.test(next) && isCapitalised(words[end + 1]?.text ?? "")) end += 2;
      else break;
    }
    const name = words
      .slice(i, end)
      .map((w) => w.text)
      .join(" ");
    const before = words[i - 1]?.text.toLowerCase();
    // An acronym ("in JSON") is a place only when it is a known one ("in the UK").
    const acronym = /^\p{Lu}{2,}$/u.test(name) && !timeZoneOfPlace(name);
    const listed =
      (word.afterComma && placeEnd === i - 1) ||
      ((before === "and" || before === "or") && placeEnd === i - 2);
    if (
      ((before !== undefined && PLACE_PREPOSITIONS.test(before)) || listed) &&
      !word.sentenceStart &&
      !acronym
    ) {
      places.push(name);
      placeEnd = end - 1;
    } else if (!STOP_WORDS.test(name.toLowerCase())) names.push(name);
    i = end - 1;
  }

  const quoted = [...prompt.matchAll(/["“«]([^"“”«»\n]{1,200})["”»]/g)].map((m) => m[1] as string);
  const dates = [...prompt.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);
  const longest = words.reduce((a, w) => (w.text.length > a.length && !/^\d/.test(w.text) ? w.text : a), "");
  return {
    prompt,
    expression: findArithmeticExpression(prompt),
    timeZone: findTimeZone(prompt, [...places, ...names]),
    places,
    names,
    numbers,
    quoted,
    dates,
    emails: findEmails(prompt),
    urls,
    topic: topicOf(prompt, quoted),
    word: places[0] ?? names[0] ?? (longest || "example"),
  };
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Addresses around each "@", so a long run of letters without one is never rescanned. */
function findEmails(prompt: string): string[] {
  const emails: string[] = [];
  const part = /[\w.+-]/;
  for (let at = prompt.indexOf("@"); at >= 0; at = prompt.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && part.test(prompt[start - 1] as string)) start--;
    let end = at + 1;
    while (end < prompt.length && part.test(prompt[end] as string)) end++;
    const email = prompt.slice(start, end).replace(/\.+$/, "");
    if (/^[^@.][^@]*@[\w-]+(\.[\w-]+)+$/.test(email)) emails.push(email);
  }
  return emails;
}

/** The quoted text, else what follows "about" or "for", else the first sentence, without a closing mark. */
function topicOf(prompt: string, quoted: readonly string[]): string {
  if (quoted[0]) return quoted[0];
  let sentence = "";
  for (const [run] of prompt.matchAll(/[^.!?\n]+/g)) {
    sentence = run.trim();
    if (sentence) break;
  }
  const about = /\b(?:about|regarding|on|for)\s+(.+)$/iu.exec(sentence)?.[1];
  const topic = (about ?? sentence).trim();
  return Array.from(topic).slice(0, 120).join("");
}
