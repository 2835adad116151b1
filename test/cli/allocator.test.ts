/**
 * The launcher's allocator choice (bin/allocator.mjs): long-running servers start again under
 * tcmalloc, which hands a load peak's freed memory back (glibc's malloc keeps it: the soak's RSS
 * went 270 → 674 MB with live memory back at its start); everything else runs as it is.
 */
import { readFileSync } from "node:fs";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { allocatorEnv, isServer, SEMI_SPACE_MB, serverExecArgv, tcmallocLibrary } from "../../bin/allocator.mjs";

const LIB = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4";

describe("allocator choice", () => {
  it("relaunches `serve` and `mcp --http` only, on Linux, with the library, when nobody chose an allocator", () => {
    expect(isServer(["serve", "--port", "0"])).toBe(true);
    expect(isServer(["mcp", "--http"])).toBe(true);
    expect(isServer(["mcp", "banking"])).toBe(false); // spawned per MCP client: a second process would only slow its start
    expect(isServer(["train", "--model", "stub"])).toBe(false);

    const env = allocatorEnv(["serve"], { PATH: "/bin" }, LIB, "linux");
    expect(env).toEqual({ PATH: "/bin", LD_PRELOAD: LIB, TCMALLOC_AGGRESSIVE_DECOMMIT: "true", PROVE_ALLOCATOR: "tcmalloc" });
    // The relaunched process has PROVE_ALLOCATOR set, so it never relaunches again.
    expect(allocatorEnv(["serve"], env!, LIB, "linux")).toBeUndefined();
    expect(allocatorEnv(["serve"], { PROVE_ALLOCATOR: "system" }, LIB, "linux")).toBeUndefined();
    expect(allocatorEnv(["serve"], { LD_PRELOAD: "/opt/jemalloc.so" }, LIB, "linux")).toBeUndefined();
    expect(allocatorEnv(["serve"], {}, null, "linux")).toBeUndefined();
    expect(allocatorEnv(["serve"], {}, LIB, "darwin")).toBeUndefined();
    expect(allocatorEnv(["tour"], {}, LIB, "linux")).toBeUndefined();
    // A decommit setting of the operator's own is kept.
    expect(allocatorEnv(["serve"], { TCMALLOC_AGGRESSIVE_DECOMMIT: "false" }, LIB, "linux")?.TCMALLOC_AGGRESSIVE_DECOMMIT).toBe("false");
  });

  it("gives a server a larger young generation, unless the operator chose one", () => {
    const flag = `--max-semi-space-size=${SEMI_SPACE_MB}`;
    expect(serverExecArgv(["--enable-source-maps"], {})).toEqual(["--enable-source-maps", flag]);
    expect(serverExecArgv(["--max-semi-space-size=8"], {})).toEqual(["--max-semi-space-size=8"]);
    expect(serverExecArgv(["--max_semi_space_size", "8"], {})).toEqual(["--max_semi_space_size", "8"]);
    expect(serverExecArgv([], { NODE_OPTIONS: "--inspect --max-semi-space-size=4" })).toEqual([]);
    expect(serverExecArgv([], { NODE_OPTIONS: "--max-old-space-size=4096" })).toEqual([flag]);
  });

  it("finds the library where Debian and others install it", () => {
    expect(tcmallocLibrary((p) => p === "/usr/lib64/libtcmalloc_minimal.so.4")).toBe("/usr/lib64/libtcmalloc_minimal.so.4");
    expect(tcmallocLibrary(() => false)).toBeUndefined();
  });
});

/** `prove serve` started through the launcher: resolves with the launcher and the pid serving. */
async function startServe(env: NodeJS.ProcessEnv) {
  const child = execa(process.execPath, ["bin/prove.mjs", "serve", "--port", "0"], { reject: false, env, extendEnv: false });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`prove serve did not start: ${stderr}`)), 30_000);
    child.stderr!.on("data", (b: Buffer) => {
      stderr += b.toString();
      if (/gRPC on/.test(stderr)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
  return { child, serving: children ? Number(children.split(/\s+/)[0]) : child.pid!, stderr: () => stderr };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.runIf(process.platform === "linux")("prove serve's allocator", () => {
  // CI installs libtcmalloc-minimal4 (.ci/run); on a machine without it this checks the notice instead.
  const library = tcmallocLibrary();

  it("runs the server under tcmalloc when installed, and stops it however the launcher stops", { timeout: 90_000 }, async () => {
    const { child, serving, stderr } = await startServe({ ...process.env, PROVE_ALLOCATOR: undefined, LD_PRELOAD: undefined });
    if (!library) {
      expect(serving).toBe(child.pid);
      expect(stderr()).toMatch(/install tcmalloc \(Debian: libtcmalloc-minimal4\)/);
      child.kill("SIGTERM");
      expect((await child).exitCode).toBe(0);
      return;
    }
    expect(serving).not.toBe(child.pid);
    expect(readFileSync(`/proc/${serving}/maps`, "utf8")).toContain("libtcmalloc_minimal");
    expect(readFileSync(`/proc/${serving}/environ`, "utf8").split("\0")).toContain("PROVE_ALLOCATOR=tcmalloc");
    expect(readFileSync(`/proc/${serving}/cmdline`, "utf8").split("\0")).toContain(`--max-semi-space-size=${SEMI_SPACE_MB}`);
    expect(stderr()).not.toMatch(/system's malloc/);
    // SIGTERM is passed on: the server drains and exits 0, and so does the launcher.
    child.kill("SIGTERM");
    const done = await child;
    expect(done.exitCode).toBe(0);
    expect(done.stderr).toMatch(/SIGTERM, draining/);
    expect(alive(serving)).toBe(false);

    // A launcher killed outright takes its server with it.
    const second = await startServe({ ...process.env, PROVE_ALLOCATOR: undefined, LD_PRELOAD: undefined });
    second.child.kill("SIGKILL");
    await second.child;
    for (let i = 0; i < 50 && alive(second.serving); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(second.serving)).toBe(false);
  });

  it("runs on the system's malloc when asked to, and says so", { timeout: 60_000 }, async () => {
    const { child, serving, stderr } = await startServe({ ...process.env, PROVE_ALLOCATOR: "system" });
    expect(serving).toBe(child.pid);
    expect(readFileSync(`/proc/${serving}/maps`, "utf8")).not.toContain("libtcmalloc");
    expect(stderr()).toMatch(/on the system's malloc/);
    child.kill("SIGTERM");
    const done = await child;
    expect(done.exitCode, `${done.signal} ${done.stderr}`).toBe(0);
  });

  // The ready line used to come before the signal handlers: a SIGTERM sent the moment it appeared
  // killed the server undrained (2 of 8 tries), through the launcher or not.
  it("drains on a SIGTERM sent the moment the ready line appears", { timeout: 120_000 }, async () => {
    for (const allocator of ["system", undefined, "system", undefined, "system", undefined]) {
      const { child } = await startServe({ ...process.env, PROVE_ALLOCATOR: allocator, LD_PRELOAD: undefined });
      child.kill("SIGTERM");
      const done = await child;
      expect(done.exitCode, `${allocator ?? "launcher"}: ${done.signal ?? ""} ${done.stderr}`).toBe(0);
      expect(done.stderr).toMatch(/SIGTERM, draining/);
    }
  });
});
