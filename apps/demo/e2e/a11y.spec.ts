import { axeViolations } from "./axe";
import {
  chat,
  expect,
  liveRegion,
  readmeScreenshot,
  sendAndAwaitFirstWords,
  sendAndWait,
  test,
} from "./fixtures";

/** The page's background in each theme (`--bg`), to tell which one shows. */
const BACKGROUND = { light: "rgb(246, 246, 249)", dark: "rgb(16, 16, 23)" } as const;

// The failed request of the error state, and the suite's error cases, are logged by the browser.
const httpErrors = [/Failed to load resource: the server responded with a status of 4\d\d/];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme, allowedConsoleErrors: httpErrors });

    test("the chat page has no serious or critical axe violations: empty, with each kind of reply, editing, stopped, failed", async ({
      page,
    }) => {
      const ui = chat(page);
      await page.goto("/");
      await expect(ui.message).toBeVisible();
      await expect(page.locator("html")).toHaveCSS("background-color", BACKGROUND[colorScheme]);
      expect(await axeViolations(page), "empty chat").toEqual([]);

      // Thinking, a tool call with its result, cited sources of both kinds, finish reasons and usage.
      await page.getByRole("checkbox", { name: /Thinking/ }).check();
      await sendAndWait(page, "What time is it? Check the clock.");
      await ui.replies.first().locator("details.thinking summary").click();
      await sendAndWait(page, "What happens to a reply when I press Stop?");
      await expect(ui.replies.last().locator(".cited mark")).not.toHaveCount(0);
      expect(await axeViolations(page), "replies").toEqual([]);
      await page.getByRole("checkbox", { name: /Thinking/ }).uncheck();
      await readmeScreenshot(page, `chat-${colorScheme}`);

      await ui.userTurns.last().getByRole("button", { name: "Edit" }).click();
      await expect(page.getByRole("textbox", { name: "Edit message" })).toBeFocused();
      expect(await axeViolations(page), "editing").toEqual([]);
      await page.keyboard.press("Escape");

      const stopped = await sendAndAwaitFirstWords(page, "Explain streaming in detail.");
      await ui.stop.click();
      await expect(stopped.locator(".finish")).toHaveText("Stopped");
      expect(await axeViolations(page), "stopped").toEqual([]);

      await page.getByRole("combobox", { name: "Model" }).fill("no-such-model");
      await ui.message.fill("Hello?");
      await ui.send.click();
      await expect(page.getByRole("alert")).toContainText("NotFoundError");
      expect(await axeViolations(page), "failed").toEqual([]);
    });

    test("the Conformance page has no serious or critical axe violations, before and after a run", async ({
      page,
    }) => {
      await page.goto("/#/conformance");
      await expect(page.getByRole("heading", { name: "Conformance" })).toBeVisible();
      expect(await axeViolations(page), "before the run").toEqual([]);
      await page.getByRole("button", { name: "Run suite" }).click();
      await expect(page.getByRole("region", { name: "Suite summary" })).toBeVisible({ timeout: 90_000 });
      expect(await axeViolations(page), "the report").toEqual([]);
    });
  });
}

test.describe("the theme switch", () => {
  test.use({ colorScheme: "dark" });

  test("starts from the system's theme, and a choice wins over it and is remembered", async ({ page }) => {
    await page.goto("/");
    const html = page.locator("html");
    const dark = page.getByRole("button", { name: "Dark theme" });
    // No choice yet: the system (dark here) decides.
    await expect(dark).toHaveAttribute("aria-pressed", "true");
    await expect(html).not.toHaveAttribute("data-theme");
    await expect(html).toHaveCSS("background-color", BACKGROUND.dark);

    await dark.click();
    await expect(dark).toHaveAttribute("aria-pressed", "false");
    await expect(html).toHaveAttribute("data-theme", "light");
    await expect(html).toHaveCSS("background-color", BACKGROUND.light);
    expect(await page.evaluate(() => localStorage.getItem("parley-demo:theme"))).toBe("light");

    // Remembered: a new visit shows the chosen theme although the system is still dark.
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "light");
    await expect(html).toHaveCSS("background-color", BACKGROUND.light);
    await expect(dark).toHaveAttribute("aria-pressed", "false");

    // And the other way round, on the other page.
    await page.getByRole("link", { name: "Conformance" }).click();
    await dark.click();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(html).toHaveCSS("background-color", BACKGROUND.dark);
    await expect(dark).toHaveAttribute("aria-pressed", "true");
  });

  test.describe("on a light system", () => {
    test.use({ colorScheme: "light" });

    test("shows the light theme until someone picks the dark one", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "false");
      await expect(page.locator("html")).toHaveCSS("background-color", BACKGROUND.light);
      await page.getByRole("button", { name: "Dark theme" }).press("Enter");
      await expect(page.locator("html")).toHaveCSS("background-color", BACKGROUND.dark);
    });
  });
});

test.describe("the live region", () => {
  test.use({ allowedConsoleErrors: httpErrors });

  test("status changes are announced in one polite live region, never the streamed text", async ({
    page,
  }) => {
    const ui = chat(page);
    await page.goto("/");
    const region = liveRegion(page);
    // Present and empty from the start: screen readers only follow a region that exists before it changes.
    await expect(region).toHaveAttribute("aria-live", "polite");
    await expect(region).toHaveAttribute("role", "status");
    await expect(region).toHaveText("");
    await expect(page.getByRole("status")).toHaveCount(1);

    await ui.message.fill("Explain streaming in detail.");
    await ui.send.click();
    await expect(region).toHaveText("The assistant is replying.", { timeout: 10_000 });
    await expect(ui.replies.last().locator(".answer")).not.toBeEmpty();
    await page.keyboard.press("Escape");
    await expect(region).toHaveText("Reply stopped. The text so far is kept.");

    await sendAndWait(page, "Say hello.");
    await expect(region).toHaveText("Reply complete.");
    await page.getByRole("spinbutton", { name: "Max tokens" }).fill("3");
    await sendAndWait(page, "Say hello again.");
    await expect(region).toHaveText("Reply complete: it reached the token limit.");

    await page.getByRole("link", { name: "Conformance" }).click();
    await expect(liveRegion(page)).toHaveText("");
    await page.getByRole("button", { name: "Run suite" }).click();
    await expect(liveRegion(page)).toHaveText(/^Suite finished\. Conformant: \d+ passed, 0 failed\.$/, {
      timeout: 90_000,
    });
  });
});
