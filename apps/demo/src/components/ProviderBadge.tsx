import { useProvider } from "../lib/useProvider";

/** Says who answers: the offline simulated provider, or Cohere through the server (which holds the key). */
export function ProviderBadge() {
  const provider = useProvider();
  if (!provider) return null;
  return provider === "cohere" ? (
    <span className="provider-badge live" title="Requests go through the demo server, which adds the key">
      Cohere<span className="long"> · key on server</span>
    </span>
  ) : (
    <span className="provider-badge" title="Set CO_API_KEY where the server runs to talk to Cohere">
      <span className="long">Simulated provider · </span>offline
    </span>
  );
}
