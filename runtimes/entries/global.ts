// edge-runtime and Chromium: an IIFE bundle (global name `parleyMatrix`) that the host calls.
// edge-runtime serves the handler through its fetch event: the host starts edge-runtime's own server
// (`runServer`) in front of this runtime and passes its URL to `runChecksServedAt`. Chromium serves nothing.
import type { ChatHandler } from "@parley/server";
import { runChecks } from "../checks";

export { runChecks } from "../checks";

/** The fetch event of edge-runtime (and of service workers): not in the DOM typings the checks compile with. */
interface FetchEvent extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

/** Runs the checks, the server handler's included, answering the fetch events `baseUrl` dispatches here. */
export function runChecksServedAt(baseUrl: string) {
  return runChecks({
    async serve(handler: ChatHandler) {
      const listener = (event: Event) => {
        const fetchEvent = event as FetchEvent;
        fetchEvent.respondWith(handler(fetchEvent.request));
      };
      addEventListener("fetch", listener);
      return { baseUrl, close: async () => removeEventListener("fetch", listener) };
    },
  });
}
