import { describe, expect, it } from "vitest";
import { CassetteError, parseCassette, parseCassetteText } from "./parseCassette";

const valid = {
  name: "hello",
  interactions: [
    {
      request: { method: "POST", path: "/v2/chat", body: { model: "m", messages: [], stream: false } },
      response: { status: 200, headers: { "content-type": "application/json" }, body: { id: "1" } },
    },
    {
      request: { method: "POST", path: "/v2/chat", body: { model: "m", messages: [], stream: true } },
      response: { status: 200, chunks: ["data: [DONE]\n\n"], pacing: [5] },
    },
  ],
};

function errorOf(json: unknown, source = "cassettes/a.json"): CassetteError {
  try {
    parseCassette(json, source);
  } catch (error) {
    if (error instanceof CassetteError) return error;
    throw error;
  }
  throw new Error("expected a CassetteError");
}

function withResponse(patch: Record<string, unknown>) {
  const copy = structuredClone(valid);
  Object.assign(copy.interactions[1]!.response, patch);
  return copy;
}

describe("parseCassette", () => {
  it("accepts the documented shape and keeps extra fields", () => {
    const cassette = parseCassette({ ...valid, tool: "mine" }, "a.json");
    expect(cassette.interactions).toHaveLength(2);
    expect(cassette.tool).toBe("mine");
    expect(cassette.source).toBe("a.json");
  });

  it("does not write the source back when serialized", () => {
    expect(JSON.stringify(parseCassette(valid, "a.json"))).not.toContain("a.json");
  });

  it("names the file and JSON path of a status given as a string", () => {
    const json = structuredClone(valid) as { interactions: Array<{ response: { status: unknown } }> };
    json.interactions[1]!.response.status = "200";
    expect(errorOf(json).message).toBe(
      'cassettes/a.json: interactions[1].response.status: expected an integer 100-599, got "200"',
    );
  });

  it.each([
    [[], "$: expected a JSON object with an `interactions` array, got an array"],
    [{}, "interactions: expected an array, got nothing"],
    [{ interactions: [1] }, "interactions[0]: expected an object with `request` and `response`, got 1"],
    [
      { interactions: [{ request: { method: "post", path: "/v2/chat" }, response: { status: 200 } }] },
      'interactions[0].request.method: expected an upper-case HTTP method, got "post"',
    ],
    [
      { interactions: [{ request: { method: "POST", path: "v2/chat" }, response: { status: 200 } }] },
      'interactions[0].request.path: expected a path starting with "/", got "v2/chat"',
    ],
    [
      withResponse({ chunks: ["a", 2], pacing: undefined }),
      "interactions[1].response.chunks[1]: expected a string, got 2",
    ],
    [
      withResponse({ body: {} }),
      "interactions[1].response: has both `body` and `chunks`; a response has one or the other",
    ],
    [
      withResponse({ pacing: [1, 2] }),
      "interactions[1].response.pacing: expected one offset per chunk (1), got 2",
    ],
    [
      withResponse({ chunks: ["a", "b"], pacing: [5, 3] }),
      "interactions[1].response.pacing[1]: expected a number of milliseconds >= 5, got 3",
    ],
    [
      withResponse({ headers: { "x-a": 1 } }),
      'interactions[1].response.headers["x-a"]: expected a string, got 1',
    ],
    [{ ...valid, recorded_at: 5 }, "recorded_at: expected a string, got 5"],
  ])("reports %j at its path", (json, message) => {
    expect(errorOf(json).message).toBe(`cassettes/a.json: ${message}`);
  });

  it("refuses two header names that differ only in case, naming the file, the JSON path and both names", () => {
    const json = withResponse({
      headers: { "content-type": "text/event-stream", "Content-Type": "application/json" },
    });
    expect(errorOf(json).message).toBe(
      'cassettes/a.json: interactions[1].response.headers: "content-type" and "Content-Type" differ only in case: keep one',
    );
    const request = structuredClone(valid) as { interactions: Array<{ request: Record<string, unknown> }> };
    request.interactions[0]!.request.headers = { Authorization: "a", AUTHORIZATION: "b" };
    expect(errorOf(request).message).toContain(
      'interactions[0].request.headers: "Authorization" and "AUTHORIZATION"',
    );
  });

  it("reports invalid JSON text with its source", () => {
    expect(() => parseCassetteText("{", "b.json")).toThrow(/^b\.json: \$: not valid JSON/);
  });
});
