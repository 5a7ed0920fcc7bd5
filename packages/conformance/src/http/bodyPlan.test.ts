import { describe, expect, it } from "vitest";
import { planFromChunks, playBody } from "./bodyPlan";

describe("playBody", () => {
  it("does O(1) work per chunk however many pauses the plan holds (a paced reply has one per token)", async () => {
    const count = 500;
    const chunks = Array.from({ length: count }, (_, i) => `${i} `);
    const plan = planFromChunks(chunks, { pacing: chunks.map((_, i) => i * 1e-6) });
    expect(plan.waits).toHaveLength(count - 1);
    // Count every look at a pause while the body plays.
    let looks = 0;
    plan.waits = plan.waits.map(
      (wait) =>
        new Proxy(wait, {
          get(target, key) {
            looks++;
            return target[key as keyof typeof target];
          },
        }),
    );
    const text = await new Response(playBody(plan)).text();
    expect(text).toBe(chunks.join(""));
    expect(looks).toBeLessThan(10 * count); // it was count² when each chunk summed them all
  });
});
