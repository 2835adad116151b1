// The memory allocator of PROVE's long-running servers (`prove serve`, `prove mcp --http`).
//
// glibc's malloc keeps the memory a load peak freed: in a soak (1,000 sessions on one server) the
// server's RSS went from 270 to 674 MB while its live memory came back to its start (V8's heap
// +10%, and malloc_trim(0) from a debugger handed back 204 MB of the 403). tcmalloc with aggressive
// decommit returns freed pages as it goes (the same soak: 233 → 240 MB). An allocator is chosen
// before a process starts, so the launcher starts the server again under it, when the library is
// installed (Debian: libtcmalloc-minimal4) and nobody chose otherwise (PROVE_ALLOCATOR=system, or
// an LD_PRELOAD of one's own).
//
// The same launch gives the server a larger young generation (serverExecArgv).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Semi-space of a server's young generation, in MB (V8's default here: 16). A step allocates
 * much and keeps little (the parse, the records, the reply), so with more room more of it dies
 * before a scavenge: StepBatch throughput from Python +5 to +16 % (bench/NOTES.md, section 13).
 * It costs up to 96 MB more resident memory per server process.
 */
export const SEMI_SPACE_MB = 64;

const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size\b/;

/** A server's Node options: `execArgv` and the young generation above, unless the operator set one (there or in NODE_OPTIONS). */
export function serverExecArgv(execArgv, env) {
  const chosen = [...execArgv, ...(env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => SEMI_SPACE_FLAG.test(a));
  return chosen ? execArgv : [...execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}

const TCMALLOC = ["x86_64-linux-gnu", "aarch64-linux-gnu"]
  .map((arch) => `/usr/lib/${arch}/libtcmalloc_minimal.so.4`)
  .concat(["/usr/lib64/libtcmalloc_minimal.so.4", "/usr/lib/libtcmalloc_minimal.so.4"]);

/** The installed tcmalloc library, if any. */
export function tcmallocLibrary(exists = existsSync) {
  return TCMALLOC.find((path) => exists(path));
}

/** Whether a command line starts a long-running server. */
export function isServer(argv) {
  return argv[0] === "serve" || (argv[0] === "mcp" && argv.includes("--http"));
}

/**
 * The environment to start `argv` again with, under tcmalloc (`library`: its path, null for none);
 * undefined to run it as it is (not a server, not Linux, no library, or an allocator already chosen).
 */
export function allocatorEnv(argv, env, library = tcmallocLibrary(), platform = process.platform) {
  if (platform !== "linux" || !isServer(argv) || env.PROVE_ALLOCATOR || env.LD_PRELOAD || !library) return undefined;
  return { ...env, LD_PRELOAD: library, TCMALLOC_AGGRESSIVE_DECOMMIT: env.TCMALLOC_AGGRESSIVE_DECOMMIT ?? "true", PROVE_ALLOCATOR: "tcmalloc" };
}

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP", "SIGUSR1", "SIGUSR2"];
/** Marks the process `relaunch` started (its IPC channel is the launcher's, nobody else's). */
const LAUNCHED = "PROVE_ALLOCATOR_LAUNCHED";

/**
 * Starts this command again under tcmalloc when it should, and stands in for it: signals are
 * passed on, its exit is ours. Returns false when this process should run the command itself.
 */
export function relaunch(argv = process.argv.slice(2), env = process.env) {
  // A process its parent talks to over IPC (a shard of `serve --shards`) must stay that process;
  // such parents start their children under the allocator themselves (allocatorEnv).
  if (process.channel) return false;
  const childEnv = allocatorEnv(argv, env);
  if (!childEnv) return false;
  // Its own process group, so a terminal's Ctrl-C reaches it once (through us), and an IPC channel
  // so it stops when we die, however we die.
  const child = spawn(process.execPath, [...serverExecArgv(process.execArgv, env), ...process.argv.slice(1)], {
    env: { ...childEnv, [LAUNCHED]: "1" },
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
  });
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.on("error", (err) => {
    console.error(`prove: could not start the server under tcmalloc (${err.message}); set PROVE_ALLOCATOR=system to skip it`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      for (const s of FORWARDED) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
  return true;
}

/**
 * In a server started by `relaunch`: stop when the launcher is gone. The preload stays in the
 * environment, so the processes it starts (the shards of `serve --shards`) run on tcmalloc too.
 */
export function adoptLaunch(env = process.env) {
  if (!env[LAUNCHED] || !process.channel) return;
  delete env[LAUNCHED];
  process.on("disconnect", () => process.exit(1));
  process.channel.unref();
}
