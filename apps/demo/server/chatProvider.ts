import { createSimulatedProvider } from "@parley/conformance";
import type { ChatHandler } from "./chatMiddleware";
import { createCohereProxy } from "./cohereProxy";
import type { ProviderName } from "./providerInfoMiddleware";

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
  const simulated = createSimulatedProvider();
  return { name: "simulated", handle: (request) => simulated(request) };
}
