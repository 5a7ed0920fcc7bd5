import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import type { AxeResults, ImpactValue } from "axe-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The impacts the issue rules out; minor and moderate findings are reported by axe but not failed on. */
const BLOCKING: readonly ImpactValue[] = ["serious", "critical"];

/**
 * Runs axe-core 4.14.1 on the page as it is now and returns its serious and critical violations, one line each
 * (rule, impact, the elements and axe's own summary), so a failing test says what to fix and where.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not added as a <script>: a Content-Security-Policy that forbids
  // inline scripts (as a hardened demo server should send) does not apply to it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  // Colours are judged as they settle: a button caught halfway through its fade would read as low contrast.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== "running"),
  );
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(
      document,
      { resultTypes: ["violations"] },
    ),
  );
  return results.violations
    .filter((violation) => BLOCKING.includes(violation.impact ?? null))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}) at ${node.target.join(" ")}: ${node.failureSummary ?? violation.help}`,
      ),
    );
}
