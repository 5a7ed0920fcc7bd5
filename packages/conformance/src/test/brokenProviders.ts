import { withFaults } from "../faults/faults";
import type { FetchLike } from "../http/fetchLike";
import { toRequest } from "../http/fetchLike";
import { createSimulatedProvider } from "../simulator/simulatedProvider";

/** The key the test providers accept. */
export const TEST_KEY = "sk-conformance-test-0123456789";

/** The simulated provider as tests use it: no pacing, and a key it checks. */
export function simulated(): FetchLike {
  return createSimulatedProvider({ apiKey: TEST_KEY, tokensPerSecond: 0, firstTokenDelayMs: 0 });
}

/** Rewrites every answer's body text (status and headers kept unless `headers` changes them). */
function rewrite(
  fetch: FetchLike,
  edit: (text: string, response: Response) => string,
  headers?: (response: Response) => Record<string, string>,
): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = edit(await response.text(), response);
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers?.(response) ?? {})) merged.set(name, value);
    return new Response(text, { status: response.status, headers: merged });
  };
}

const isStream = (response: Response) => response.headers.get("content-type") === "text/event-stream";

/**
 * Providers with exactly one defect each, built over the simulated provider, for the suite's negative tests.
 * Each names the check that must catch it.
 */
export const BROKEN_PROVIDERS: Record<string, { fetch: () => FetchLike; caseId: string; checkId: string }> = {
  "no message-end": {
    fetch: () => withFaults(simulated(), { dropMessageEnd: true }),
    caseId: "chat.basic",
    checkId: "stream.grammar",
  },
  "a delta before its start": {
    // Swaps the first content-start frame with the delta after it.
    fetch: () =>
      rewrite(simulated(), (text, response) => {
        if (!isStream(response)) return text;
        const frames = text.split("\n\n");
        const start = frames.findIndex((f) => f.startsWith("event: content-start"));
        if (start >= 0 && frames[start + 1]?.startsWith("event: content-delta")) {
          [frames[start], frames[start + 1]] = [frames[start + 1] as string, frames[start] as string];
        }
        return frames.join("\n\n");
      }),
    caseId: "chat.basic",
    checkId: "stream.grammar",
  },
  "a stream sent as application/json": {
    fetch: () =>
      rewrite(
        simulated(),
        (text) => text,
        (response): Record<string, string> =>
          isStream(response) ? { "content-type": "application/json" } : {},
      ),
    caseId: "chat.basic",
    checkId: "http.content-type",
  },
  "a lower-case finish reason": {
    fetch: () =>
      rewrite(simulated(), (text) =>
        text.replace(
          /"finish_reason":"([A-Z_]+)"/g,
          (_, reason: string) => `"finish_reason":"${reason.toLowerCase()}"`,
        ),
      ),
    caseId: "chat.basic",
    checkId: "reply.schema",
  },
  "200 for a bad key": {
    // Lets every key in by swapping in the right one before the provider checks it.
    fetch: () => {
      const inner = simulated();
      return async (input, init) => {
        const request = toRequest(input, init);
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${TEST_KEY}`);
        return inner(request.url, { method: request.method, headers, body: await request.text() });
      };
    },
    caseId: "errors.bad-key",
    checkId: "error.status",
  },
  "max_tokens ignored": {
    fetch: () => {
      const inner = simulated();
      return async (input, init) => {
        const request = toRequest(input, init);
        const body = await request.text();
        let edited = body;
        try {
          const { max_tokens: _, ...rest } = JSON.parse(body);
          edited = JSON.stringify(rest);
        } catch {}
        return inner(request.url, { method: request.method, headers: request.headers, body: edited });
      };
    },
    caseId: "max_tokens.limit",
    checkId: "finish.max-tokens",
  },
  "an invalid JSON event": {
    fetch: () => withFaults(simulated(), { invalidJsonAtEvent: 2 }),
    caseId: "chat.basic",
    checkId: "stream.json",
  },
  "content-start without text": {
    // What a popular open-source mock sends: the AI SDK's Cohere provider then fails the whole stream.
    fetch: () =>
      rewrite(simulated(), (text, response) =>
        isStream(response) ? text.replace(/("content":\{"type":"text"),"text":""\}/g, "$1}") : text,
      ),
    caseId: "chat.basic",
    checkId: "stream.content-start",
  },
  "all-zero usage": {
    // Zero tokens for a non-empty reply: max_tokens would pass whatever the reply did.
    fetch: () =>
      rewrite(simulated(), (text) => text.replace(/"(input|output)_tokens":\d+/g, '"$1_tokens":0')),
    caseId: "max_tokens.limit",
    checkId: "reply.usage",
  },
  "a tool plan in the stream only": {
    fetch: () =>
      rewrite(simulated(), (text, response) => {
        if (isStream(response) || response.status !== 200) return text;
        const { tool_plan: _, ...message } = (JSON.parse(text) as { message: Record<string, unknown> })
          .message;
        return JSON.stringify({ ...JSON.parse(text), message });
      }),
    caseId: "tools.call",
    checkId: "stream.tool-agreement",
  },
  "errors sent as plain text": {
    fetch: () =>
      rewrite(
        simulated(),
        (text, response) =>
          response.status >= 400 ? (JSON.parse(text) as { message: string }).message : text,
        (response): Record<string, string> =>
          response.status >= 400 ? { "content-type": "text/plain" } : {},
      ),
    caseId: "errors.unknown-model",
    checkId: "error.body",
  },
};

/**
 * The simulated provider behind a gateway that answers a model off its allow-list with `status` and `body`
 * (`@parley/server`'s `createChatHandler({ models })` sends 400 and a Cohere-shaped `{"message"}`).
 */
export function allowListGateway(status = 400, body?: string): FetchLike {
  const inner = simulated();
  return async (input, init) => {
    const request = toRequest(input, init);
    const text = await request.text();
    let model: unknown;
    try {
      model = (JSON.parse(text) as { model?: unknown }).model;
    } catch {}
    if (model === undefined || model === "command-a-03-2025") {
      return inner(request.url, { method: request.method, headers: request.headers, body: text });
    }
    const refusal = JSON.stringify({
      message: `invalid request: model ${JSON.stringify(model)} is not served here; use one of command-a-03-2025`,
    });
    return new Response(body ?? refusal, { status, headers: { "content-type": "application/json" } });
  };
}
