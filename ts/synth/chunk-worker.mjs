// Entry of a synthesis chunk thread (ts/synth/workers.ts): workers do not inherit the main thread's
// TypeScript loader, so this registers it before loading the thread's code. (The GPU bundle builds
// chunk-worker.ts into a file of this name beside its prove.mjs instead.)
import { register } from "tsx/esm/api";

register();
await import("./chunk-worker.ts");
