// workerd: a module worker that answers any request with the checks' results.
import { runChecks } from "../checks";

export default {
  async fetch(): Promise<Response> {
    return Response.json(await runChecks());
  },
};
