// Setup file for every test file of this package: it keeps whatever reaches the console and, when the file ends,
// scans that and the transcript of answers and log lines for the key. A trace of it fails the file.
import { format } from "node:util";
import { afterAll, expect } from "vitest";
import { KEY, tracesIn } from "./secrets";
import { transcript } from "./transcript";

for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[method];
  console[method] = (...args: unknown[]) => {
    transcript.push(format(...args));
    original.apply(console, args);
  };
}

afterAll(() => {
  expect(transcript.length).toBeGreaterThan(0);
  expect(tracesIn(transcript.join("\n"), KEY), "traces of the key in answers, headers or log lines").toEqual(
    [],
  );
});
