import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, it } from "vitest";

it("runs the hook tests on React 18, for react and react-dom alike", () => {
  expect(version).toMatch(/^18\./);
  expect(domVersion).toBe(version);
});
