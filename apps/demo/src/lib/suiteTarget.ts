import type { SuiteTarget } from "@parley/conformance";

import { UNPACED_HEADER } from "../../server/unpacedHeader.ts";

/**
 * The suite's target: this page's own origin, as the chat uses it (no key: the server holds it). Requests ask
 * the simulated provider to skip its pacing (see `UNPACED_HEADER`).
 */
export function suiteTarget(model: string, provider: "simulated" | "cohere" | undefined): SuiteTarget {
  return {
    baseUrl: location.origin,
    model,
    // The simulated provider answers one request with one reply, so both modes must agree exactly.
    deterministic: provider === "simulated",
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set(UNPACED_HEADER, "1");
      return fetch(input, { ...init, headers });
    },
  };
}
