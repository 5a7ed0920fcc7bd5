// Debian's chromium (`apt-get install chromium`), never one Playwright downloads, launched the one way every browser
// run here uses: the demo's browser tests, the Vite consumer and the runtime matrix's Chromium row.

/** Where Debian installs chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags that keep it quiet and offline, and let it run as root in a container. Playwright adds --headless itself. */
export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

/** Playwright's launch options for it (a fresh object each call). */
export function chromiumLaunchOptions() {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
}
