/** Where errors keep what the server sent; `message` and `stack` are where `console.log` shows it. */
const FIELDS = ["message", "stack", "body", "partial", "requestId"] as const;

/**
 * Cuts `key` out of an error before a caller sees it (errors get logged), replacing it with `***`: in the error and
 * each error of its `cause` chain, the message, stack, and wherever the server's answer is kept (an `ApiError`'s
 * `body`, `headers` and `requestId`, a `StreamError`'s `partial`). Mutates and returns `error`. Each value is cut
 * as JSON text, where the key has one form however the server escaped it. A value too deep to write as JSON is
 * dropped rather than kept unread. Keys under 8 characters are no secret worth hiding and would match half of
 * any text.
 */
export function redactError<E>(error: E, key: string | undefined): E {
  if (key && key.length > 7) {
    const escaped = JSON.stringify(key).slice(1, -1);
    const cut = (value: unknown): unknown => {
      try {
        return JSON.parse(JSON.stringify(value).split(escaped).join("***"));
      } catch {}
    };
    let e = error as unknown as Record<string, unknown> | undefined;
    for (let depth = 0; e instanceof Error && depth < 8; depth++) {
      try {
        for (const field of FIELDS) if (field in e) (e as Record<string, unknown>)[field] = cut(e[field]);
        if (e.headers) e.headers = new Headers(cut([...(e.headers as Headers)]) as [string, string][]);
      } catch {} // a frozen error from a custom fetch stays as it is
      e = e.cause as typeof e;
    }
  }
  return error;
}
