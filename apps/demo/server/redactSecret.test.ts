import { describe, expect, it } from "vitest";
import { REDACTED, redactSecret } from "./redactSecret.ts";

async function run(secret: string, chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  const source = new ReadableStream<string>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const reader = source.pipeThrough(redactSecret(secret)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

describe("redactSecret", () => {
  it("replaces the secret inside one chunk", async () => {
    expect((await run("sk-1", ["a sk-1 b"])).join("")).toBe(`a ${REDACTED} b`);
  });

  it("replaces a secret split across three chunks", async () => {
    expect((await run("sk-secret", ["x sk-", "sec", "ret y"])).join("")).toBe(`x ${REDACTED} y`);
  });

  it("passes chunks that cannot start the secret through at once, without holding anything back", async () => {
    expect(await run("sk-secret", ["data: 1\n\n", "data: 2\n\n"])).toEqual(["data: 1\n\n", "data: 2\n\n"]);
  });

  it("releases a held-back tail that turned out not to be the secret", async () => {
    expect((await run("sk-secret", ["ends with sk", "-other"])).join("")).toBe("ends with sk-other");
    expect((await run("sk-secret", ["ends with sk-"])).join("")).toBe("ends with sk-");
  });
});
