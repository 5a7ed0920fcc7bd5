import { REDACTED, redactSecret } from "./redactSecret.ts";

/** Where the proxy sends requests unless told otherwise. */
export const COHERE_BASE_URL = "https://api.cohere.com";

/** Response headers worth passing on to the browser; everything else (cookies, hop-by-hop, encodings) stays here. */
const FORWARDED_RESPONSE_HEADERS = ["content-type", "cache-control", "x-debug-trace-id", "retry-after"];

export interface CohereProxyOptions {
  /** The API key, added on the server side. It never appears in anything sent back. */
  apiKey: string;
  /**
   * Base URL of the upstream API; tests point it at a fake server on 127.0.0.1.
   * @default "https://api.cohere.com"
   */
  baseUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/**
 * A handler that forwards `POST /v2/chat` to Cohere with the key added, streaming the body both ways.
 * Only the request body and a few request headers go up; only the status, the body and a short list of
 * response headers come back, and the key is redacted from both in case the upstream ever echoes it.
 */
export function createCohereProxy(options: CohereProxyOptions): (request: Request) => Promise<Response> {
  const { apiKey, baseUrl = COHERE_BASE_URL, fetch: fetchImpl = globalThis.fetch } = options;
  const endpoint = new URL("/v2/chat", baseUrl);

  return async (request) => {
    const upstream = await fetchImpl(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: request.headers.get("accept") ?? "*/*",
        authorization: `Bearer ${apiKey}`,
        "x-client-name": "parley-demo",
      },
      body: await request.text(),
      signal: request.signal,
    });
    const headers = new Headers();
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers.set(name, value.replaceAll(apiKey, REDACTED));
    }
    const body = upstream.body
      ?.pipeThrough(new TextDecoderStream())
      .pipeThrough(redactSecret(apiKey))
      .pipeThrough(new TextEncoderStream());
    return new Response(body ?? null, { status: upstream.status, headers });
  };
}
