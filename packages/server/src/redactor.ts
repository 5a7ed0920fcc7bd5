/** What stands in for the key wherever it would have been sent back. */
export const REDACTED = "[redacted]";

/**
 * A run this long that matches the start of the key is redacted even when the rest of the key does not follow
 * (an upstream that echoes a truncated key). Shorter runs are ordinary text: redacting every "s" of a reply
 * because the key starts with "s" would corrupt it.
 */
const PARTIAL_RUN = 8;

/** Redacts one secret in complete texts and, chunk by chunk, in a streamed body. */
export interface Redactor {
  /** The text with every form of the secret replaced, and every run of 8 or more of its first characters. */
  text(value: string): string;
  /** A fresh redacting pass over one byte stream: `push` each chunk, then `end`. */
  stream(): StreamRedaction;
}

export interface StreamRedaction {
  /** What may be sent now; a tail that could begin the secret is held back until the next chunk. */
  push(chunk: Uint8Array): Uint8Array;
  /** What was held back, redacted if it began the secret (a prefix of the key is never sent). */
  end(): Uint8Array;
}

/**
 * The forms the secret can come back in: as is, JSON-escaped (a key with `"` or `\`), and with `/` escaped as
 * `\/`, as some JSON encoders write it. Longest first, so a longer form is replaced before a shorter one inside it.
 */
function formsOf(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const forms = new Set([secret, escaped, escaped.replaceAll("/", "\\/")]);
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * A key shorter than 8 characters is left alone, as `@parley/core` leaves it: no real API key is that short, and
 * redacting every "k" of a reply (its `usage` included) for a test key `"k"` would corrupt every answer.
 */
export function createRedactor(secret: string): Redactor {
  const forms = secret.length < PARTIAL_RUN ? [] : formsOf(secret);
  const replaceWhole = (text: string) => {
    for (const form of forms) if (text.includes(form)) text = text.split(form).join(REDACTED);
    return text;
  };
  const replaceRuns = (text: string) => {
    for (const form of forms) text = replacePrefixRuns(text, form, Math.min(form.length, PARTIAL_RUN));
    return text;
  };
  /** Length of the longest tail of `text` that is a proper prefix of some form: it may yet become the secret. */
  const heldLength = (text: string) => {
    const longest = forms[0]?.length ?? 0;
    for (let length = Math.min(longest - 1, text.length); length > 0; length--) {
      const start = text.length - length;
      for (const form of forms) {
        if (
          form.length > length &&
          text.charCodeAt(start) === form.charCodeAt(0) &&
          text.endsWith(form.slice(0, length))
        )
          return length;
      }
    }
    return 0;
  };

  return {
    text: (value) => replaceRuns(replaceWhole(value)),
    stream() {
      const decoder = new TextDecoder();
      const encoder = new TextEncoder();
      let pending = "";
      return {
        push(chunk) {
          // Whole forms first, over the held tail and the new text together, so one split across chunks is caught;
          // then the tail that could still grow into the secret is held, and runs are redacted in what is complete.
          const text = replaceWhole(pending + decoder.decode(chunk, { stream: true }));
          const held = heldLength(text);
          pending = text.slice(text.length - held);
          return encoder.encode(replaceRuns(text.slice(0, text.length - held)));
        },
        end() {
          const text = replaceWhole(pending + decoder.decode());
          const held = heldLength(text);
          pending = "";
          return encoder.encode(replaceRuns(text.slice(0, text.length - held)) + (held > 0 ? REDACTED : ""));
        },
      };
    },
  };
}

/** Replaces each run of at least `min` characters that matches the start of `form`. */
function replacePrefixRuns(text: string, form: string, min: number): string {
  const head = form.slice(0, min);
  let at = text.indexOf(head);
  if (at === -1) return text;
  let out = "";
  let from = 0;
  while (at !== -1) {
    let end = at + min;
    while (end - at < form.length && text[end] === form[end - at]) end++;
    out += text.slice(from, at) + REDACTED;
    from = end;
    at = text.indexOf(head, end);
  }
  return out + text.slice(from);
}
