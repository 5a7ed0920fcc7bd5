import type { Cassette, Interaction } from "../cassette/cassette";
import { isPlainObject } from "../json/json";
import { isChatPath, withChatDefaults } from "../replay/requestDefaults";
import type { Capability, ReplayCase } from "./types";

/**
 * One replay case per recorded request: a streamed and a non-streamed interaction of the same request (equal
 * bodies but for `stream`) become one case, so their agreement is judged. Capabilities are read off the request
 * and the response, so `--skip` works on recordings too.
 */
export function casesFromCassettes(cassettes: readonly Cassette[]): ReplayCase[] {
  const cases: ReplayCase[] = [];
  const byRequest = new Map<string, ReplayCase>();
  cassettes.forEach((cassette, c) => {
    const name =
      cassette.name ??
      cassette.source
        ?.split(/[\\/]/)
        .pop()
        ?.replace(/\.json$/, "") ??
      `cassette-${c}`;
    cassette.interactions.forEach((interaction, i) => {
      const key = requestKey(interaction);
      const pair = key === undefined ? undefined : byRequest.get(key);
      if (pair && !pair.counterpart && streamFlag(pair.interaction) !== streamFlag(interaction)) {
        pair.counterpart = interaction;
        for (const capability of capabilitiesOf(interaction)) {
          if (!pair.capabilities.includes(capability)) pair.capabilities.push(capability);
        }
        return;
      }
      const testCase: ReplayCase = {
        kind: "replay",
        id: cassette.interactions.length > 1 ? `${name}#${i}` : name,
        title:
          interaction.name ??
          interaction.notes ??
          `${interaction.request.method} ${interaction.request.path}`,
        capabilities: capabilitiesOf(interaction),
        severity: "required",
        interaction,
      };
      cases.push(testCase);
      if (key !== undefined) byRequest.set(key, testCase);
    });
  });
  return cases;
}

function streamFlag(interaction: Interaction): boolean {
  const body = interaction.request.body;
  return isPlainObject(body) && body.stream === true;
}

/** The request without `stream`, keys sorted, so the two modes of one request meet. */
function requestKey(interaction: Interaction): string | undefined {
  const { body, path, method } = interaction.request;
  if (!isPlainObject(body)) return undefined;
  const { stream: _, ...rest } = (isChatPath(path) ? withChatDefaults(body) : body) as Record<
    string,
    unknown
  >;
  return `${method} ${path} ${stableJson(rest)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function capabilitiesOf(interaction: Interaction): Capability[] {
  const body = isPlainObject(interaction.request.body) ? interaction.request.body : {};
  const tags = new Set<Capability>();
  if (interaction.response.status >= 400) tags.add("errors");
  else tags.add("chat");
  if (body.stream === true) tags.add("stream");
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const roles = messages.map((m) => (isPlainObject(m) ? m.role : undefined));
  if (roles.includes("system")) tags.add("system");
  if (roles.filter((r) => r === "user").length > 1 || roles.includes("tool")) tags.add("multi-turn");
  if (Array.isArray(body.tools) && body.tools.length > 0) tags.add("tools");
  if (Array.isArray(body.documents) && body.documents.length > 0) tags.add("documents");
  const recorded = JSON.stringify(interaction.response.body ?? interaction.response.chunks ?? "");
  if (/\\?"citations\\?":\s*(\[\s*\{|\{)/.test(recorded)) tags.add("citations");
  const format = body.response_format;
  if (isPlainObject(format) && format.type === "json_object") tags.add("json");
  const thinking = body.thinking;
  if (isPlainObject(thinking) && thinking.type !== "disabled") tags.add("thinking");
  if (typeof body.max_tokens === "number") tags.add("max_tokens");
  if (Array.isArray(body.stop_sequences) && body.stop_sequences.length > 0) tags.add("stop_sequences");
  if (/\P{ASCII}/u.test(JSON.stringify(body) + recorded)) tags.add("unicode");
  return [...tags];
}
