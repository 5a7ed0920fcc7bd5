import type { ChatResponse } from "@parley/core";
import { decodeEvents, MAX_JSON_DEPTH } from "@parley/core/protocol";
import { describe, expect, it } from "vitest";
import { createSimulatedProvider, type SimulatedProviderOptions } from "./simulatedProvider";

const URL = "http://sim.test/v2/chat";
const MODEL = "command-a-03-2025";

function post(body: unknown, options: SimulatedProviderOptions = {}) {
  const fetch = createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0, ...options });
  return fetch(URL, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** A prompt of about `bytes` bytes, in words; the reply quotes it whole. */
const longPrompt = (bytes: number) => Array.from({ length: bytes / 8 }, (_, i) => `word${i % 997}`).join(" ");

describe("the simulated provider's bounds", () => {
  it("caps a reply at 4096 tokens, with MAX_TOKENS: a 1 MiB prompt no longer makes a 19 MB stream", async () => {
    const messages = [{ role: "user", content: longPrompt(1024 * 1024) }];
    const plain = (await (await post({ model: MODEL, messages })).json()) as ChatResponse;
    expect(plain.finish_reason).toBe("MAX_TOKENS");
    expect(plain.usage?.tokens?.output_tokens).toBe(4096);
    const streamed = await (await post({ model: MODEL, messages, stream: true })).text();
    expect(streamed.length).toBeLessThan(1024 * 1024);
    const end = decodeEvents([streamed]).at(-1) as { delta?: { finish_reason?: string } };
    expect(end.delta?.finish_reason).toBe("MAX_TOKENS");
  });

  it("takes the smaller of max_tokens and maxReplyTokens", async () => {
    const messages = [{ role: "user", content: longPrompt(4000) }];
    const tokens = async (body: object, options?: SimulatedProviderOptions) =>
      ((await (await post({ model: MODEL, messages, ...body }, options)).json()) as ChatResponse).usage
        ?.tokens?.output_tokens;
    expect(await tokens({}, { maxReplyTokens: 50 })).toBe(50);
    expect(await tokens({ max_tokens: 20 }, { maxReplyTokens: 50 })).toBe(20);
    expect(await tokens({ max_tokens: 80 }, { maxReplyTokens: 50 })).toBe(50);
    expect(() => createSimulatedProvider({ maxReplyTokens: 0 })).toThrow(
      "maxReplyTokens must be an integer > 0",
    );
  });

  it("refuses JSON nested deeper than the limit with 400, never a stack overflow", async () => {
    for (const deep of [
      "[".repeat(100_000),
      `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`,
      JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "Hi" }] }).replace(
        '"Hi"',
        `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
      ),
    ]) {
      const response = await post(deep);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        id: expect.any(String),
        message: `invalid request: the body nests deeper than ${MAX_JSON_DEPTH} levels`,
      });
    }
  });

  it("answers methods other than POST with 405 and Allow, and OPTIONS with 204", async () => {
    const fetch = createSimulatedProvider();
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const response = await fetch(URL, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("POST, OPTIONS");
      expect(((await response.json()) as { message: string }).message).toContain(`method ${method}`);
    }
    const options = await fetch(URL, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("reads a system message of 256 KiB of spaces in linear time (its instructions were matched in quadratic)", async () => {
    const started = performance.now();
    const response = await post({
      model: MODEL,
      messages: [
        { role: "system", content: `Begin${" ".repeat(1 << 18)}` },
        { role: "user", content: `Hi${" ".repeat(1 << 18)}there` },
      ],
    });
    expect(response.status).toBe(200);
    // Milliseconds when linear, minutes before; a generous bound, as the machine may be busy.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
