/** A key as it may be shown: its last four characters at most, and only when it is long enough to stay secret. */
export function maskKey(key: string): string {
  return key.length >= 16 ? `****${key.slice(-4)}` : "****";
}

/** Replaces every occurrence of each secret in `text` with its mask, so no report or log line can leak one. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(maskKey(secret));
  }
  return out;
}

/** A URL as it may be shown: user info and query values that look like credentials are masked. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) parsed.username = "****";
    if (parsed.password) parsed.password = "****";
    for (const [name] of parsed.searchParams) {
      if (/key|token|secret|auth|sig/i.test(name)) parsed.searchParams.set(name, "****");
    }
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
