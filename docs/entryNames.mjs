// TypeDoc plugin: names each entry module after its import path (`@parley/core/protocol`) instead of its
// source folder (`core/src/protocol`). Entries live at packages/<name>/src/<subpath>.ts (index.ts for ".").
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const match = /^([a-z0-9-]+)\/src(?:\/(.+))?$/.exec(module.name);
      if (match) module.name = `@parley/${match[1]}${match[2] ? `/${match[2]}` : ""}`;
    }
  });
}
