import { useSyncExternalStore } from "react";

export type Route = "chat" | "conformance";

const subscribe = (listener: () => void) => {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
};
const read = (): Route => (location.hash === "#/conformance" ? "conformance" : "chat");

/** The page in the URL hash: `#/conformance`, or the chat for anything else. No router needed for two pages. */
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, read);
}
