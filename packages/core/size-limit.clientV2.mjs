// The size check "ClientV2, initial load": what `import { ClientV2 }` puts in an app's bundle, without the code
// its `runTools`, `chatObject` and `chatObjectStream` load with `import()` on first call. The check "ClientV2 with
// every method called" counts that code in.
import { initialLoadBundle } from "../../scripts/initialLoadBundle.mjs";

export default initialLoadBundle(
  'import { ClientV2 } from "./dist/index.js";\nconsole.log(ClientV2);\n',
  new URL(".", import.meta.url),
  "clientV2",
);
