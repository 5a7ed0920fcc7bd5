import { describe, expect, it } from "vitest";
import { type BodyEnd, tapBody } from "./bodyTap";

const encoder = new TextEncoder();

function source(chunks: string[], fail?: Error) {
  let cancelled: unknown;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (fail) controller.error(fail);
      else if (chunks.length < 3) controller.close();
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  const response = new Response(body, { status: 201, headers: { "x-a": "1" } });
  return { response, cancelled: () => cancelled };
}

function tap(response: Response) {
  const seen: string[] = [];
  const ends: BodyEnd[] = [];
  const decoder = new TextDecoder();
  const tapped = tapBody(response, {
    onChunk: (chunk) => seen.push(decoder.decode(chunk)),
    onEnd: (end) => ends.push(end),
  });
  return { tapped, seen, ends };
}

describe("tapBody", () => {
  it("passes every byte, the status and the headers through, and tells the chunks and the end", async () => {
    const { tapped, seen, ends } = tap(source(["a", "b"]).response);
    expect(tapped.status).toBe(201);
    expect(tapped.headers.get("x-a")).toBe("1");
    expect(await tapped.text()).toBe("ab");
    expect(seen).toEqual(["a", "b"]);
    expect(ends).toEqual([{ kind: "end" }]);
  });

  it("tells a broken body once and passes the error to the reader", async () => {
    const boom = new TypeError("terminated");
    const { tapped, ends } = tap(source(["a"], boom).response);
    await expect(tapped.text()).rejects.toBe(boom);
    expect(ends).toEqual([{ kind: "error", error: boom }]);
  });

  it("passes a cancel to the source and tells it", async () => {
    const upstream = source(["a", "b", "c"]);
    const { tapped, ends } = tap(upstream.response);
    const reader = tapped.body!.getReader();
    await reader.read();
    await reader.cancel("enough");
    expect(upstream.cancelled()).toBe("enough");
    expect(ends).toEqual([{ kind: "cancel", reason: "enough" }]);
  });
});
