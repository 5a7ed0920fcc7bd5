import { createSimulatedProvider } from "@parley/conformance";
import { type ChatHandler, createChatHandler } from "@parley/server";
import type { ProviderName } from "./providerInfoMiddleware.ts";
import { UNPACED_HEADER } from "./unpacedHeader.ts";

/** About the pace of a hosted model, slow enough to watch a reply grow (and to stop it halfway). */
export const SIMULATED_TOKENS_PER_SECOND = 40;

/** The simulated provider checks no key; the handler insists on having one to add, so it gets this. */
const OFFLINE_KEY = "offline-simulated-provider";

export interface ChatProvider {
  name: ProviderName;
  handle: ChatHandler;
}

/**
 * The chat handler of `@parley/server`, in front of Cohere when `CO_API_KEY` is set and not blank, else in front
 * of the simulated provider (offline, no key), passed as the handler's `fetch`. `PARLEY_DEMO_UPSTREAM` overrides
 * Cohere's base URL; the tests point it at a fake upstream. `log` gets the handler's one-line failures.
 *
 * The variables are read from this process's environment. `pnpm demo` starts `vite preview` through
 * pnpm, not turbo, so they arrive intact; a turbo task would drop them in strict env mode unless
 * turbo.json listed them under `passThroughEnv`.
 */
export function chatProviderFromEnv(env: NodeJS.ProcessEnv, log?: (line: string) => void): ChatProvider {
  const logging = log ? { log } : {};
  const apiKey = env.CO_API_KEY?.trim();
  if (apiKey) {
    const baseUrl = env.PARLEY_DEMO_UPSTREAM?.trim() || undefined;
    return {
      name: "cohere",
      handle: createChatHandler({
        apiKey,
        clientName: "parley-demo",
        ...(baseUrl ? { baseUrl } : {}),
        ...logging,
      }),
    };
  }
  // Paced like a real model so streaming shows; the conformance page asks for the same replies unpaced.
  const paced = createChatHandler({
    apiKey: OFFLINE_KEY,
    fetch: createSimulatedProvider({ tokensPerSecond: SIMULATED_TOKENS_PER_SECOND }),
    ...logging,
  });
  const unpaced = createChatHandler({
    apiKey: OFFLINE_KEY,
    fetch: createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 }),
    ...logging,
  });
  return {
    name: "simulated",
    handle: (request) => (request.headers.has(UNPACED_HEADER) ? unpaced(request) : paced(request)),
  };
}
