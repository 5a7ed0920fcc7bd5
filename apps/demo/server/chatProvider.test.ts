import { afterEach, describe, expect, it, vi } from "vitest";
import { chatProviderFromEnv } from "./chatProvider.ts";
import { UNPACED_HEADER } from "./unpacedHeader.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const chatRequest = (headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1:4173/v2/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      model: "command-a-03-2025",
      stream: false,
      messages: [{ role: "user", content: "Hi" }],
    }),
  });

describe("chatProviderFromEnv", () => {
  it("answers with the simulated provider when CO_API_KEY is unset or blank", async () => {
    for (const env of [{}, { CO_API_KEY: "" }, { CO_API_KEY: "   " }]) {
      const provider = chatProviderFromEnv(env);
      expect(provider.name).toBe("simulated");
      const response = await provider.handle(chatRequest({ [UNPACED_HEADER]: "1" }));
      expect(response.status).toBe(200);
      expect((await response.json()).message.role).toBe("assistant");
    }
  });

  it("gives the same reply paced and unpaced", async () => {
    const provider = chatProviderFromEnv({});
    const unpaced = await (await provider.handle(chatRequest({ [UNPACED_HEADER]: "1" }))).json();
    // The paced reply waits on timers; fake ones let the test skip the wait without changing the bytes.
    vi.useFakeTimers();
    const pending = provider.handle(chatRequest());
    await vi.runAllTimersAsync();
    const paced = await (await pending).json();
    expect(paced).toEqual(unpaced);
  });

  it("proxies to PARLEY_DEMO_UPSTREAM (or Cohere) with the key when CO_API_KEY is set", async () => {
    const fetch = vi.fn(async () => new Response("{}", { headers: { "content-type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    const provider = chatProviderFromEnv({
      CO_API_KEY: " sk-1 ",
      PARLEY_DEMO_UPSTREAM: "http://127.0.0.1:9",
    });
    expect(provider.name).toBe("cohere");
    await provider.handle(chatRequest());
    expect(fetch).toHaveBeenCalledWith(
      "http://127.0.0.1:9/v2/chat",
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: "Bearer sk-1", "x-client-name": "parley-demo" }),
      }),
    );

    await chatProviderFromEnv({ CO_API_KEY: "sk-1" }).handle(chatRequest());
    expect(fetch).toHaveBeenLastCalledWith("https://api.cohere.com/v2/chat", expect.anything());
  });
});
