import { createSimulatedProvider } from "@parley/conformance";
import type { ChatHandler } from "./chatMiddleware.ts";
import { createCohereProxy } from "./cohereProxy.ts";
import type { ProviderName } from "./providerInfoMiddleware.ts";
import { UNPACED_HEADER } from "./unpacedHeader.ts";

/** About the pace of a hosted model, slow enough to watch a reply grow (and to stop it halfway). */
export const SIMULATED_TOKENS_PER_SECOND = 40;

export interface ChatProvider {
  name: ProviderName;
  handle: ChatHandler;
}

/**
 * Cohere when `CO_API_KEY` is set and not blank, else the simulated provider (offline, no key).
 * `PARLEY_DEMO_UPSTREAM` overrides Cohere's base URL; the tests point it at a fake upstream.
 *
 * The variables are read from this process's environment. `pnpm demo` starts `vite preview` through
 * pnpm, not turbo, so they arrive intact; a turbo task would drop them in strict env mode unless
 * turbo.json listed them under `passThroughEnv`.
 */
export function chatProviderFromEnv(env: NodeJS.ProcessEnv): ChatProvider {
  const apiKey = env.CO_API_KEY?.trim();
  if (apiKey) {
    const baseUrl = env.PARLEY_DEMO_UPSTREAM?.trim() || undefined;
    return { name: "cohere", handle: createCohereProxy(baseUrl ? { apiKey, baseUrl } : { apiKey }) };
  }
  // Paced like a real model so streaming shows; the conformance page asks for the same replies unpaced.
  const paced = createSimulatedProvider({ tokensPerSecond: SIMULATED_TOKENS_PER_SECOND });
  const unpaced = createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
  return {
    name: "simulated",
    handle: (request) => (request.headers.has(UNPACED_HEADER) ? unpaced(request) : paced(request)),
  };
}
