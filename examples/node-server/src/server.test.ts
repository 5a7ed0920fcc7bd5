import { type ChildProcess, spawn } from "node:child_process";
import { ClientV2, messageText } from "@parley/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let child: ChildProcess;
let origin: string;

// The built server, as `pnpm start` runs it, on a free port of 127.0.0.1 and offline (the simulated provider).
beforeAll(async () => {
  child = spawn(process.execPath, ["dist/server.js"], {
    env: { ...process.env, PORT: "0", CO_API_KEY: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  origin = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
});

afterAll(() => {
  child?.kill();
});

describe("examples/node-server", () => {
  it("streams a reply to ClientV2 through Express and @parley/server", async () => {
    const client = new ClientV2({ baseUrl: `${origin}/api`, apiKey: "", maxRetries: 0 });
    const stream = await client.chatStream({
      model: "command-a-03-2025",
      messages: [{ role: "user", content: "Say hello to the example." }],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const reply = await stream.finalResponse();
    expect(types[0]).toBe("message-start");
    expect(types.filter((type) => type === "content-delta").length).toBeGreaterThan(1);
    expect(types.at(-1)).toBe("message-end");
    expect(messageText(reply.message).length).toBeGreaterThan(0);
    expect(reply.finish_reason).toBe("COMPLETE");
  });

  it("refuses what the handler refuses, in Cohere's error shape", async () => {
    const response = await fetch(`${origin}/api/v2/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://elsewhere.example" },
      body: "{}",
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      message: "this endpoint answers only its own pages and allowed origins, not https://elsewhere.example",
    });
  });
});
