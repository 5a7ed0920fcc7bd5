import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { ClientV2, messageText } from "@parley/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: ChildProcess;
let origin: string;

/** A port nothing listens on now, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

// The built app (`next build`, which turbo runs first), served by `next start` offline: the simulated provider
// answers the route. In a process group of its own, so stopping it stops whatever Next starts under it.
beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      env: { ...process.env, CO_API_KEY: "", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (chunk) => {
      out += chunk;
      if (/Ready in/.test(out)) resolve();
    });
    server.once("exit", (code) => reject(new Error(`next start exited (${code}): ${out}`)));
  });
});

afterAll(() => {
  if (server?.pid) process.kill(-server.pid);
});

describe("examples/nextjs", () => {
  it("serves the page with the chat on it", async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Parley on Next.js");
    expect(html).toContain('aria-label="Message"');
  });

  it("streams a reply from the app-router route to ClientV2, as useChat asks for it", async () => {
    const client = new ClientV2({ baseUrl: `${origin}/api`, apiKey: "", maxRetries: 0 });
    const stream = await client.chatStream({
      model: "command-a-03-2025",
      messages: [{ role: "user", content: "Say hello to the Next.js example." }],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const reply = await stream.finalResponse();
    expect(types[0]).toBe("message-start");
    expect(types.filter((type) => type === "content-delta").length).toBeGreaterThan(1);
    expect(types.at(-1)).toBe("message-end");
    expect(messageText(reply.message).length).toBeGreaterThan(0);
  });

  it("keeps the handler's refusals: another site's page gets 403", async () => {
    const response = await fetch(`${origin}/api/v2/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://elsewhere.example" },
      body: "{}",
    });
    expect(response.status).toBe(403);
  });
});
