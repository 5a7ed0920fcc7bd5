import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures";

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test("every response, pages, scripts and API answers alike, says nosniff, a CSP that forbids framing, and a Referrer-Policy", async ({
  page,
  request,
}) => {
  const seen: Array<{ url: string; headers: Record<string, string> }> = [];
  page.on("response", async (response) =>
    seen.push({ url: response.url(), headers: await response.allHeaders() }),
  );
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeVisible();
  const api = await request.post("/v2/chat", { headers: { "content-type": "text/plain" }, data: "{}" });
  expect(api.status()).toBe(415);
  const answers = [...seen, { url: api.url(), headers: api.headers() }];
  expect(answers.some(({ url }) => url.endsWith(".js"))).toBe(true);
  for (const { url, headers } of answers) {
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], url).toContain("script-src 'self';");
    expect(headers["referrer-policy"], url).toBe("no-referrer");
  }
});

test("the built app has no source maps to serve, and its scripts point to none", () => {
  const files = filesUnder("dist");
  expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
  for (const file of files.filter((name) => name.endsWith(".js")))
    expect(readFileSync(file, "utf8"), file).not.toContain("sourceMappingURL");
});

test("a malformed Origin is refused with 403 and the server keeps serving", async ({ request }) => {
  for (const origin of ["not a url", "null"]) {
    const response = await request.post("/v2/chat", {
      headers: { "content-type": "application/json", origin },
      data: { model: "command-a-03-2025", messages: [{ role: "user", content: "Hi" }] },
    });
    expect(response.status(), origin).toBe(403);
  }
  expect((await request.get("/")).status()).toBe(200);
});
