import { expect, readmeScreenshot, screenshot, test } from "./fixtures";

// The suite's error cases ask for 400s and 404s on purpose, and the browser logs each one.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 4\d\d/] });

test("the Conformance page runs the suite in the browser and the simulated provider passes it", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Conformance" }).click();
  await expect(page.getByRole("heading", { name: "Conformance" })).toBeVisible();
  await page.getByRole("button", { name: "Run suite" }).click();

  const summary = page.getByRole("region", { name: "Suite summary" });
  await expect(summary).toBeVisible({ timeout: 90_000 });
  await expect(summary).toHaveAttribute("data-verdict", "pass");
  const table = page.getByRole("table", { name: "Conformance report" });
  const rows = table.locator("tbody tr[data-status]");
  expect(await rows.count()).toBeGreaterThanOrEqual(15);
  await expect(table.locator('tbody tr[data-status="failed"]')).toHaveCount(0);
  await expect(table.locator('tbody tr[data-status="passed"]').first()).toBeVisible();
  await screenshot(page, "conformance");
  await readmeScreenshot(page, "conformance");
});
