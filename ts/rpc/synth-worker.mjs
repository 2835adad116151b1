// Entry of the synthesis worker thread (ts/rpc/tasks.ts): workers do not inherit the main thread's
// TypeScript loader, so this registers it before loading the worker's code. (The GPU bundle builds
// synth-worker.ts into a file of this name beside its prove.mjs instead.)
import { register } from "tsx/esm/api";

register();
await import("./synth-worker.ts");
