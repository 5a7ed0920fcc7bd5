// edge-runtime and Chromium: an IIFE bundle (global name `parleyMatrix`) that the host calls.
export { runChecks } from "../checks";
