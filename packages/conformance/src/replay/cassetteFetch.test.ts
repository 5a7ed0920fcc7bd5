import { describe, expect, it } from "vitest";
import { type FetchLike, toRequest } from "../http/fetchLike";
import { SecretLeakError } from "../secrets/scanSecrets";
import { simulated, TEST_KEY } from "../test/brokenProviders";
import { postChat, sampleCassette } from "../test/sampleCassette";
import { createCassetteFetch } from "./cassetteFetch";

const hi = { model: "m", messages: [{ role: "user", content: "Hi" }] };
const asked = { model: "command-a-03-2025", messages: [{ role: "user", content: "Name a colour." }] };

function counted(upstream: FetchLike) {
  const calls = { count: 0 };
  const fetch: FetchLike = (input, init) => {
    calls.count++;
    return upstream(input, init);
  };
  return { fetch, calls };
}

const withKey = (body: unknown) => postChat(body, { headers: { authorization: `Bearer ${TEST_KEY}` } });

describe("createCassetteFetch", () => {
  it("in auto mode replays what is recorded and records what is missing, once", async () => {
    const upstream = counted(simulated());
    const cassette = createCassetteFetch({
      mode: "auto",
      cassettes: sampleCassette,
      upstream: upstream.fetch,
    });
    expect((await cassette.fetch(...postChat({ ...hi, stream: false }))).status).toBe(200);
    expect(upstream.calls.count).toBe(0);

    const first = await cassette.fetch(...withKey(asked));
    const body = await first.json();
    expect(upstream.calls.count).toBe(1);
    const again = await cassette.fetch(...postChat({ ...asked, stream: false }));
    expect(await again.json()).toEqual(body);
    expect(upstream.calls.count).toBe(1);

    const recorded = cassette.toCassette({ name: "new" });
    expect(recorded.interactions).toHaveLength(1);
    expect(recorded.interactions[0]!.request.body).toEqual(asked);
    expect(JSON.stringify(recorded)).not.toContain(TEST_KEY);
  });

  it("in record mode sends everything upstream, and in replay mode nothing", async () => {
    const upstream = counted(simulated());
    const record = createCassetteFetch({
      mode: "record",
      cassettes: sampleCassette,
      upstream: upstream.fetch,
    });
    await (await record.fetch(...withKey(asked))).text();
    await (await record.fetch(...withKey(asked))).text();
    expect(upstream.calls.count).toBe(2);
    expect(record.interactions).toHaveLength(2);

    const replay = createCassetteFetch({
      mode: "replay",
      cassettes: sampleCassette,
      upstream: upstream.fetch,
    });
    expect((await replay.fetch(...withKey(asked))).status).toBe(404);
    expect(upstream.calls.count).toBe(2);
  });

  it("will not hand out a recording that holds a key", async () => {
    const echo: FetchLike = async (input, init) => {
      const authorization = toRequest(input, init).headers.get("authorization");
      return new Response(JSON.stringify({ echoed: authorization }), {
        headers: { "content-type": "application/json" },
      });
    };
    const cassette = createCassetteFetch({ mode: "auto", upstream: echo });
    await (await cassette.fetch(...withKey(asked))).text();
    expect(() => cassette.toCassette()).toThrow(SecretLeakError);
  });

  it("says what it needs", () => {
    expect(() => createCassetteFetch({ mode: "auto" })).toThrow('mode "auto" needs an upstream fetch');
    expect(() => createCassetteFetch({ mode: "later" as "auto" })).toThrow(
      'mode must be "replay", "record" or "auto"',
    );
  });
});
