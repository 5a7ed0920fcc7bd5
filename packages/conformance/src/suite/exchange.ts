import { concatBytes } from "../http/concatBytes";
import type { FetchLike } from "../http/fetchLike";
import { describeNetworkError } from "../http/networkError";

/** One request and everything that came back, as raw as the suite can see it. */
export interface Exchange {
  status: number;
  headers: Headers;
  /** Body chunks as they arrived, with the ms (since the request) each arrived at. */
  chunks: Uint8Array[];
  arrivals: number[];
  /** The body decoded as UTF-8. */
  text: string;
  durationMs: number;
  /** The request never got an answer (connection refused, timeout) or the body broke off. */
  networkError?: string;
}

export interface ExchangeRequest {
  url: string;
  method?: string;
  headers: Record<string, string>;
  /** Sent as it is when a string, as JSON otherwise. */
  body: unknown;
  timeoutMs: number;
  now: () => number;
}

/** Sends one request and reads the whole body chunk by chunk, timing each chunk. Never throws. */
export async function sendExchange(fetch: FetchLike, request: ExchangeRequest): Promise<Exchange> {
  const { now } = request;
  const started = now();
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no complete answer within ${request.timeoutMs} ms`)),
    request.timeoutMs,
  );
  const chunks: Uint8Array[] = [];
  const arrivals: number[] = [];
  const finish = (status: number, headers: Headers, networkError?: string): Exchange => {
    clearTimeout(timer);
    const exchange: Exchange = {
      status,
      headers,
      chunks,
      arrivals,
      text: new TextDecoder().decode(concatBytes(chunks)),
      durationMs: now() - started,
    };
    if (networkError !== undefined) exchange.networkError = networkError;
    return exchange;
  };

  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? "POST",
      headers: { "content-type": "application/json", ...request.headers },
      body: typeof request.body === "string" ? request.body : JSON.stringify(request.body),
      signal: controller.signal,
    });
  } catch (error) {
    return finish(0, new Headers(), describeNetworkError(error));
  }
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        chunks.push(read.value);
        arrivals.push(now() - started);
      }
    }
  } catch (error) {
    return finish(response.status, response.headers, `the body broke off: ${describeNetworkError(error)}`);
  }
  return finish(response.status, response.headers);
}
