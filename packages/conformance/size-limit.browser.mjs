// The size check of the browser entry: what `import * from "@parley/conformance"` puts in a page, @parley/core
// included, without the code core's `ClientV2` loads with `import()` on first call (conformance never calls it;
// counted in, the figure is about 3.5 kB gzip higher).
import { initialLoadBundle } from "../../scripts/initialLoadBundle.mjs";

export default initialLoadBundle(
  'import * as conformance from "./dist/index.js";\nconsole.log(conformance);\n',
  new URL(".", import.meta.url),
  "conformance-browser",
);
