import { useEffect, useState } from "react";

export type ProviderName = "simulated" | "cohere";

let lookup: Promise<ProviderName | undefined> | undefined;

/** Asked once per page load: the server picks its provider when it starts. */
function lookUpProvider(): Promise<ProviderName | undefined> {
  lookup ??= fetch("/demo-api/provider")
    .then((response) => (response.ok ? (response.json() as Promise<{ provider?: ProviderName }>) : undefined))
    .then((body) => body?.provider)
    .catch(() => undefined); // A static host without the demo server: nothing to say.
  return lookup;
}

/** Which provider the demo server answers with (`GET /demo-api/provider`); undefined until known. */
export function useProvider(): ProviderName | undefined {
  const [provider, setProvider] = useState<ProviderName>();
  useEffect(() => {
    let live = true;
    lookUpProvider().then((name) => live && setProvider(name));
    return () => {
      live = false;
    };
  }, []);
  return provider;
}
