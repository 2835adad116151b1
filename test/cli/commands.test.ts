/** The command line: `--help` on every command (it failed with "Unknown option" on most), limits as flags, the token kept out of `ps`. */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../ts/cli/limits.ts";
import { serveArgs } from "../../ts/cli/serve.ts";
import { MINUTE } from "../../ts/servers/framework/time.ts";

const prove = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, ["bin/prove.mjs", ...args], { reject: false, env, timeout: 60_000 });

describe("prove <command> --help", () => {
  it("prints each command's options and exits 0, for every command prove lists", async () => {
    const { stdout } = await prove(["--help"]);
    const commands = stdout
      .split("\n")
      .filter((l) => /^ {2}\w/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]!);
    expect(commands).toEqual(["servers", "tour", "serve", "synth", "score", "mcp", "eval", "view", "export", "train"]);
    const asked = [...commands.map((c) => [c, "--help"]), ["serve", "-h"], ["mcp", "banking", "-h"]];
    const runs = await Promise.all(asked.map((args) => prove(args)));
    runs.forEach((r, i) => {
      const command = asked[i]![0]!;
      expect(r.exitCode, `${command}: ${r.stderr}`).toBe(0);
      expect(r.stdout, command).toMatch(new RegExp(`usage:\\s+prove ${command}`));
    });
  });

  it("explains a bad option with the command's usage and exit status 2", async () => {
    const r = await prove(["servers", "--jsn"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--jsn'[\s\S]*usage: prove servers/);
  });
});

describe("prove serve options", () => {
  it("takes the limits as flags", () => {
    const a = serveArgs(
      [
        "--max-sessions",
        "500",
        "--idle-ttl",
        "90s",
        "--max-calls-per-session",
        "2000",
        "--max-journal-bytes",
        "1_000_000",
        "--max-forks",
        "64",
        "--max-inflight",
        "8",
      ],
      {},
    );
    expect(a.limits).toEqual({ maxSessions: 500, idleTtlMs: 90_000, maxCallsPerSession: 2000, maxJournalBytes: 1_000_000, maxForks: 64 });
    expect(a.maxInflight).toBe(8);
    expect(serveArgs(["--idle-ttl", "2h"], {}).limits.idleTtlMs).toBe(120 * MINUTE);
    expect(() => serveArgs(["--max-sessions", "0"], {})).toThrow(UsageError);
    expect(() => serveArgs(["--idle-ttl", "soon"], {})).toThrow(/--idle-ttl takes a duration/);
  });

  it("reads the token from PROVE_TOKEN or a file, and refuses it on the command line", () => {
    expect(serveArgs([], { PROVE_TOKEN: "from-env" }).token).toBe("from-env");
    const dir = mkdtempSync(join(tmpdir(), "prove-token-"));
    writeFileSync(join(dir, "token"), "from-file\n");
    chmodSync(join(dir, "token"), 0o600);
    expect(serveArgs(["--token-file", join(dir, "token")], { PROVE_TOKEN: "from-env" }).token).toBe("from-file");
    expect(() => serveArgs(["--token", "s3cret"], {})).toThrow(/would show the token .* `ps`/);
    expect(() => serveArgs(["--token-file", join(dir, "missing")], {})).toThrow(/--token-file/);
  });

  it("serves with a token from a file that never appears in the process's command line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prove-token-"));
    const file = join(dir, "token");
    writeFileSync(file, "never-in-ps-4711\n");
    chmodSync(file, 0o600);
    const child = execa(process.execPath, ["bin/prove.mjs", "serve", "--port", "0", "--token-file", file], { reject: false });
    try {
      let stderr = "";
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on("data", (d: Buffer) => {
          stderr += d.toString();
          if (/gRPC on/.test(stderr)) resolve();
        });
        void child.then(() => reject(new Error(`serve exited: ${stderr}`)));
      });
      expect(stderr).toMatch(/bearer token required/);
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, "utf8");
      expect(cmdline).toContain("--token-file");
      expect(cmdline).not.toContain("never-in-ps-4711");
    } finally {
      child.kill("SIGTERM");
      await child;
    }
  });
});
