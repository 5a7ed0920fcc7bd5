import type { ToolContext } from "@parley/core";
import { describe, expect, it } from "vitest";
import { demoTools } from "./demoTools";

const context = {} as ToolContext;
const run = (name: string, args: Record<string, unknown>) => demoTools[name]!.execute!(args, context);

describe("demoTools", () => {
  it("the calculator evaluates the expression it is given", () => {
    expect(run("calculator", { expression: "(12 + 3) * 4" })).toEqual({
      expression: "(12 + 3) * 4",
      result: 60,
    });
  });

  it("the calculator answers a bad expression with an error the model can read, instead of throwing", () => {
    expect(run("calculator", { expression: "calculator" })).toEqual({
      expression: "calculator",
      error: 'unknown name at "calculator" (position 1)',
    });
  });

  it("the clock reads the time in the zone asked for", () => {
    const result = run("get_current_time", { time_zone: "Asia/Tokyo" }) as Record<string, string>;
    expect(result.time_zone).toBe("Asia/Tokyo");
    expect(result.time).toMatch(/\d{1,2}:\d{2}/);
  });

  it("the clock says so when the zone does not exist", () => {
    expect(run("get_current_time", { time_zone: "Mars/Olympus" })).toEqual({
      error: 'unknown time zone "Mars/Olympus"',
    });
  });
});
