import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chat, expect, screenshot, test } from "./fixtures";
import { FAKE_UPSTREAM_PORT, KEYED_PORT, SECRET } from "./keyedServer";

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test.describe("with CO_API_KEY set, the server proxies to Cohere", () => {
  test.use({ baseURL: `http://127.0.0.1:${KEYED_PORT}` });

  test("the key reaches the upstream but never the browser: no response body, no header", async ({
    page,
  }) => {
    const seen: string[] = [];
    page.on("request", (request) => {
      seen.push(`request ${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ""}`);
    });
    page.on("response", async (response) => {
      const headers = JSON.stringify(await response.allHeaders());
      const body = await response.body().catch(() => Buffer.alloc(0));
      seen.push(`response ${response.url()} ${headers} ${body.toString("utf8")}`);
    });

    await page.goto("/");
    await expect(page.getByText("Cohere · key on server")).toBeVisible();
    const ui = chat(page);
    await ui.message.fill("Hello upstream");
    await ui.send.click();
    await expect(ui.status).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
    // The fake upstream put the key in its reply text; the proxy redacted it on the way through.
    await expect(ui.replies.last()).toContainText("Upstream heard: Hello upstream. Your key is [redacted].");
    await screenshot(page, "chat-cohere-proxy");

    // The proxy added the key itself: the browser sent none.
    const upstream = await (await fetch(`http://127.0.0.1:${FAKE_UPSTREAM_PORT}/last-request`)).json();
    expect(upstream.authorization).toBe(`Bearer ${SECRET}`);
    expect(upstream["x-client-name"]).toBe("parley-demo");
    const chatRequest = seen.find((line) =>
      line.startsWith(`request http://127.0.0.1:${KEYED_PORT}/v2/chat`),
    );
    expect(chatRequest).toBeDefined();
    expect(chatRequest).not.toMatch(/authorization/i);

    await expect.poll(() => seen.filter((line) => line.startsWith("response")).length).toBeGreaterThan(3);
    expect(seen.join("\n")).not.toContain(SECRET);
    expect(seen.join("\n")).not.toContain("x-echo-authorization");
  });
});

test("a build made with CO_API_KEY in the environment holds no trace of it", () => {
  const outDir = mkdtempSync(join(tmpdir(), "parley-demo-build-"));
  try {
    const build = spawnSync(
      "pnpm",
      ["exec", "vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"],
      {
        env: { ...process.env, CO_API_KEY: SECRET },
        encoding: "utf8",
      },
    );
    expect(build.status, build.stderr).toBe(0);
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toContain(SECRET);
    for (const file of filesUnder("dist")) expect(readFileSync(file, "utf8"), file).not.toContain(SECRET);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
