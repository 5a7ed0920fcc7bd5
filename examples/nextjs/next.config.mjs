import { fileURLToPath } from "node:url";

/** @type {import("next").NextConfig} */
const config = {
  // The monorepo's root, where the lockfile and the workspace packages are.
  turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) },
  poweredByHeader: false,
};

export default config;
