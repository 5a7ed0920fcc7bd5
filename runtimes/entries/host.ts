// The client half of the server handler check, for a runtime whose server the host reaches from Node
// (workerd, through miniflare's dispatchFetch). Imports the packages from the tarballs in node_modules.
export { SERVER_HANDLER_CHECK, streamThroughHandler } from "../serverHandler";
