/**
 * `CO_API_KEY` from the runtime's environment where it has one: `process.env` (Node, Bun, Next.js, Deno's Node
 * compatibility) or `Deno.env`. Blank counts as none. No import of `process`: the handler runs on edge runtimes too.
 */
export function apiKeyFromEnv(): string | undefined {
  const runtime = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(name: string): string | undefined } };
  };
  let key: string | undefined;
  try {
    key = runtime.process?.env?.CO_API_KEY ?? runtime.Deno?.env?.get("CO_API_KEY");
  } catch {} // Deno throws without --allow-env
  return key?.trim() || undefined;
}
