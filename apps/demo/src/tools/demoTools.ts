import type { ChatTool } from "@parley/core";
import { evaluateArithmetic } from "./evaluateArithmetic";

/**
 * Tools that run in the browser: the chat store calls `execute` when the model asks, sends the result
 * back and lets the model answer from it. Object results go back as documents, so replies can cite them; their
 * `title` (the tool and its main argument) comes back in the citation's `tool_output` and names the source.
 */
export const demoTools: Record<string, ChatTool> = {
  get_current_time: {
    description:
      "Reads the clock: the current date and time where the user is, or in a given IANA time zone.",
    parameters: {
      type: "object",
      properties: { time_zone: { type: "string", description: "An IANA time zone such as Europe/Paris" } },
    },
    execute(args) {
      const requested = typeof args.time_zone === "string" && args.time_zone ? args.time_zone : undefined;
      const timeZone = requested ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      try {
        const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone });
        return { title: `get_current_time: ${timeZone}`, time: time.format(new Date()), time_zone: timeZone };
      } catch {
        return { title: `get_current_time: ${timeZone}`, error: `unknown time zone "${timeZone}"` };
      }
    },
  },
  calculator: {
    description:
      "A calculator: evaluates an arithmetic expression with + - * / % ^, parentheses, sqrt, abs and round.",
    parameters: {
      type: "object",
      properties: { expression: { type: "string", description: "For example (12 + 3) * 4" } },
      required: ["expression"],
    },
    execute(args) {
      const expression = String(args.expression ?? "");
      try {
        return { title: `calculator: ${expression}`, expression, result: evaluateArithmetic(expression) };
      } catch (error) {
        // The model reads this and can correct itself; a thrown error would end the run instead.
        return { title: `calculator: ${expression}`, expression, error: (error as Error).message };
      }
    },
  },
};
