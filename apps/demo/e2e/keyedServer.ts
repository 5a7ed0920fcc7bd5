/** The key the keyed preview server holds; no byte of it may reach the browser. */
export const SECRET = "sk-test-SECRET-9f2c41d7";
/** The demo server that holds {@link SECRET} and proxies to the fake upstream. */
export const KEYED_PORT = 4174;
/** A stand-in for api.cohere.com that accepts only {@link SECRET}. */
export const FAKE_UPSTREAM_PORT = 4175;
