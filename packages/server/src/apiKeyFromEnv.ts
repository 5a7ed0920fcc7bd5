/**
 * `CO_API_KEY` from the runtime's environment where it has one: `process.env` (Node, Bun, Next.js, Deno's Node
 * compatibility) or `Deno.env`. Blank counts as none. No import of `process`: the handler runs on edge runtimes too.
 * A runtime that refuses to read it (Deno without `--allow-env`) gets an error that says so, not "no API key".
 */
export function apiKeyFromEnv(): string | undefined {
  const runtime = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(name: string): string | undefined } };
  };
  let key: string | undefined;
  try {
    key = runtime.process?.env?.CO_API_KEY ?? runtime.Deno?.env?.get("CO_API_KEY");
  } catch (cause) {
    throw new TypeError(
      `createChatHandler: CO_API_KEY could not be read: the runtime refused (${cause instanceof Error ? cause.message : String(cause)}). In Deno, run with --allow-env=CO_API_KEY, or pass \`apiKey\`.`,
      { cause },
    );
  }
  return key?.trim() || undefined;
}
