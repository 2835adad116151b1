#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx prove` works right after `npm ci`.
// Long-running servers are started again under tcmalloc first (bin/allocator.mjs says why).
import { register } from "tsx/esm/api";
import { adoptLaunch, relaunch } from "./allocator.mjs";

if (!relaunch()) {
  adoptLaunch();
  register();
  await import("../ts/cli/main.ts");
}
