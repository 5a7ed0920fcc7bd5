// Node CommonJS: require() of every entry, one class across entries, and a chat through the simulated provider.
const assert = require("node:assert/strict");
const core = require("@parley/core");
const protocol = require("@parley/core/protocol");
const conformance = require("@parley/conformance");
const conformanceNode = require("@parley/conformance/node");
const react = require("@parley/react");
const server = require("@parley/server");
const serverNode = require("@parley/server/node");

assert.equal(typeof conformanceNode.createServer, "function");
assert.equal(typeof react.useChat, "function");
assert.equal(typeof serverNode.toNodeHandler(server.createChatHandler({ apiKey: "k" })), "function");
assert.throws(() => protocol.validateRequest({ model: "", messages: [] }), core.ValidationError);

async function main() {
  const fetch = conformance.createSimulatedProvider({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
  const co = new core.ClientV2({ apiKey: "consumer", fetch });
  const request = { model: "command-a-03-2025", messages: [{ role: "user", content: "Hello from CJS" }] };
  const final = await (await co.chatStream(request)).finalResponse();
  assert.equal(core.messageText(final.message), core.messageText((await co.chat(request)).message));
  await assert.rejects(co.chat({ ...request, model: "no-such-model" }), core.NotFoundError);
  // The server handler as a web-standard function: it adds the key the simulator asks for.
  const handler = server.createChatHandler({
    apiKey: "cjs-key",
    fetch: conformance.createSimulatedProvider({
      apiKey: "cjs-key",
      tokensPerSecond: 0,
      firstTokenDelayMs: 0,
    }),
  });
  const viaHandler = new core.ClientV2({
    apiKey: "",
    fetch: (input, init) => handler(new Request(input, init)),
  });
  assert.equal(core.messageText((await viaHandler.chat(request)).message), core.messageText(final.message));
  console.log("cjs ok");
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
