import { tool } from "@parley/core";
import { z } from "zod";
import { evaluateArithmetic } from "./evaluateArithmetic";

/**
 * Tools that run in the browser: the chat store calls `execute` when the model asks, sends the result
 * back and lets the model answer from it. Object results go back as documents, so replies can cite them; their
 * `title` (the tool and its main argument) comes back in the citation's `tool_output` and names the source.
 * Arguments that do not fit a tool's schema never reach `execute`: the model gets the failing paths instead.
 */
export const demoTools = {
  get_current_time: tool({
    description:
      "Reads the clock: the current date and time where the user is, or in a given IANA time zone.",
    parameters: z.object({
      time_zone: z.string().optional().describe("An IANA time zone such as Europe/Paris"),
    }),
    execute({ time_zone }) {
      const timeZone = time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
      try {
        const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone });
        return { title: `get_current_time: ${timeZone}`, time: time.format(new Date()), time_zone: timeZone };
      } catch {
        return { title: `get_current_time: ${timeZone}`, error: `unknown time zone "${timeZone}"` };
      }
    },
  }),
  calculator: tool({
    description:
      "A calculator: evaluates an arithmetic expression with + - * / % ^, parentheses, sqrt, abs and round.",
    parameters: z.object({ expression: z.string().describe("For example (12 + 3) * 4") }),
    execute({ expression }) {
      try {
        return { title: `calculator: ${expression}`, expression, result: evaluateArithmetic(expression) };
      } catch (error) {
        // The model reads this and can correct itself; a thrown error would end the run instead.
        return { title: `calculator: ${expression}`, expression, error: (error as Error).message };
      }
    },
  }),
};
