import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "./redactor";
import { runScenarios, type ScenarioResult } from "./test/runtimeScenarios";
import { KEY, tracesIn } from "./test/secrets";
import { transcript } from "./test/transcript";

/** Bundles a module of ours (our source, and core's through `@parley/source`) for a runtime without Node. */
async function bundle(contents: string, format: "esm" | "iife"): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: new URL("./test", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    write: false,
    format,
    platform: "browser",
    target: "es2022",
    conditions: ["@parley/source"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

const lines = (results: ScenarioResult[]) => results.map((result) => JSON.stringify(result));

/** What every runtime must answer, checked in Node against the unbundled source. */
function expectTheContract(results: ScenarioResult[]) {
  transcript.push(...lines(results));
  expect(tracesIn(lines(results).join("\n"))).toEqual([]);
  const byName = Object.fromEntries(results.map((result) => [result.name, result]));
  const stream = byName.stream!;
  expect(stream.status).toBe(200);
  expect(stream.headers["x-debug-trace-id"]).toBe("trace-1");
  expect(stream.body).toContain(`your key is ${REDACTED}`);
  expect(stream.earlyChunks).toBeGreaterThan(0);
  const error = byName["upstream error"]!;
  expect([error.status, error.headers["x-debug-trace-id"], error.headers["set-cookie"]]).toEqual([
    401,
    REDACTED,
    undefined,
  ]);
  expect(JSON.parse(error.body)).toEqual({ message: `invalid api token ${REDACTED}` });
  expect([byName.GET!.status, byName.GET!.headers.allow]).toEqual([405, "POST"]);
  for (const [name, status] of [
    ["bad origin", 403],
    ["other origin", 403],
    ["text/plain", 415],
    ["model", 400],
    ["too large", 413],
    ["deep", 400],
  ] as const)
    expect(byName[name]!.status, name).toBe(status);
  expect(byName.abort!.upstreamAborted).toBe(true);
  expect(byName.cancel!.upstreamAborted).toBe(true);
}

describe("the handler in each runtime", () => {
  let node: ScenarioResult[];
  beforeAll(async () => {
    node = await runScenarios(KEY);
  });

  it("keeps its contract on Node", () => {
    expectTheContract(node);
  });

  it("answers the same in edge-runtime (Vercel's edge) as on Node", async () => {
    const code = await bundle(
      'import { runScenarios } from "./runtimeScenarios"; globalThis.runScenarios = runScenarios;',
      "iife",
    );
    const runtime = new EdgeRuntime({ initialCode: code });
    const results = JSON.parse(
      JSON.stringify(
        await runtime.evaluate<Promise<ScenarioResult[]>>(`runScenarios(${JSON.stringify(KEY)})`),
      ),
    );
    expectTheContract(results);
    expect(results).toEqual(node);
  });

  describe("workerd (Cloudflare Workers), through miniflare", () => {
    let worker: Miniflare;
    beforeAll(async () => {
      const script = await bundle(
        `import { runScenarios } from "./runtimeScenarios";
        import { createChatHandler } from "../createChatHandler";
        export default {
          async fetch(request, env) {
            if (new URL(request.url).pathname === "/scenarios") return Response.json(await runScenarios(env.CO_API_KEY));
            // The handler as a Worker serves it: the key from the binding, a slow upstream inside the worker.
            const handler = createChatHandler({
              apiKey: env.CO_API_KEY,
              fetch: async (_url, init) => {
                const said = JSON.parse(init.body).messages[0].content;
                const encoder = new TextEncoder();
                let n = 0;
                return new Response(new ReadableStream({
                  async pull(controller) {
                    await new Promise((resolve) => setTimeout(resolve, 300));
                    if (n++ === 3) return controller.close();
                    controller.enqueue(encoder.encode("event: content-delta\\ndata: " + JSON.stringify({ n, said, auth: init.headers.authorization }) + "\\n\\n"));
                  },
                }), { headers: { "content-type": "text/event-stream" } });
              },
            });
            return handler(request);
          },
        };`,
        "esm",
      );
      worker = new Miniflare({
        modules: true,
        script,
        compatibilityDate: "2025-01-01",
        bindings: { CO_API_KEY: KEY },
        host: "127.0.0.1",
      });
      await worker.ready;
    });
    afterAll(async () => {
      await worker?.dispose();
    });

    it("answers the same in workerd as on Node", async () => {
      const results = (await (
        await worker.dispatchFetch("http://127.0.0.1/scenarios")
      ).json()) as ScenarioResult[];
      expectTheContract(results);
      expect(results).toEqual(node);
    });

    it("serves a Worker's own requests, streaming chunk by chunk with the key redacted", async () => {
      const response = await worker.dispatchFetch("http://127.0.0.1/api/v2/chat", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://127.0.0.1" },
        body: JSON.stringify({
          model: "command-a-03-2025",
          stream: true,
          messages: [{ role: "user", content: "Hi" }],
        }),
      });
      expect(response.status).toBe(200);
      // The first chunk comes before the upstream has sent its last frame (300 ms apart): streamed, not buffered.
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const first = decoder.decode((await reader.read()).value);
      expect(first).toContain('"n":1');
      expect(first).not.toContain('"n":3');
      const chunks = [first];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(decoder.decode(value));
      }
      transcript.push(chunks.join(""));
      expect(chunks.join("")).toContain('"n":3');
      expect(chunks.join("")).toContain(`"auth":"Bearer ${REDACTED}"`);
      expect(chunks.join("")).toContain('"said":"Hi"');
    });
  });
});
