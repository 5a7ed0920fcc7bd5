import { describe, expect, it } from "vitest";
import { assertNoSecrets, SecretLeakError, scanForSecrets } from "./scanSecrets";

// Shaped like a Cohere key (40 mixed-case letters and digits) but made up.
const KEY = "Xq7LmP2vRt9sKd4WnB6yHc1ZfG8uJe3Ao5iTkQ0p";

describe("scanForSecrets", () => {
  it("finds a configured secret anywhere and names its JSON path", () => {
    const findings = scanForSecrets(
      { interactions: [{ request: { body: { messages: [{ content: "my key is secret-value-1" }] } } }] },
      { secrets: ["secret-value-1"] },
    );
    expect(findings).toEqual([
      {
        path: "interactions[0].request.body.messages[0].content",
        kind: "configured secret",
        masked: "secr********** (14 chars)",
      },
    ]);
  });

  it("finds URL-encoded secrets and secrets in keys", () => {
    expect(scanForSecrets({ path: "/v2/chat?x=a%2Fb%3Dsecret" }, { secrets: ["a/b=secret"] })[0]?.path).toBe(
      "path",
    );
    expect(scanForSecrets({ headers: { "a/b=secret": "1" } }, { secrets: ["a/b=secret"] })[0]?.path).toBe(
      'headers["a/b=secret"]',
    );
  });

  it.each([
    ["a bearer credential", "Authorization: Bearer abcdefgh12345", "bearer token"],
    ["a key parameter", "/v1/x?api_key=abcdef123", "key parameter"],
    ["a token parameter", "https://x.test/?a=1&token=zzzzzzzz", "key parameter"],
    ["a key-shaped token", `prefix ${KEY} suffix`, "key-shaped token"],
  ])("flags %s", (_, text, kind) => {
    expect(scanForSecrets({ text })).toMatchObject([{ path: "text", kind }]);
  });

  it.each([
    ["a UUID", "68475c80-574b-4c65-98a4-e81cebab5dce"],
    ["a hex trace id", "8beb14b2bb5467fe35507f6df0b1a435"],
    ["a tool call id", "cityAttractions_dcxfx4myvx68"],
    ["a long identifier", "thisIsAVeryLongFunctionNameWithoutDigits"],
    ["a base64 image", `data:image/png;base64,${KEY}${KEY}==`],
    ["prose", "The key benefits mentioned in this document are automation and cost reduction."],
    ["a short configured secret", "x"],
  ])("does not flag %s", (_, text) => {
    expect(scanForSecrets({ text }, { secrets: ["x"] })).toEqual([]);
  });

  it("lets known false positives through", () => {
    expect(scanForSecrets({ text: KEY }, { allow: [KEY] })).toEqual([]);
    expect(scanForSecrets({ text: KEY }, { allow: [/^Xq7L/] })).toEqual([]);
  });

  it("never prints the secret itself", () => {
    try {
      assertNoSecrets({ a: [KEY] }, "out/0001.json");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretLeakError);
      expect((error as Error).message).toBe(
        "Refusing to write out/0001.json: it would hold a secret:\n  out/0001.json: a[0]: key-shaped token Xq7L************ (40 chars)",
      );
      expect((error as Error).message).not.toContain(KEY);
    }
  });
});
