/**
 * The environment's limits as command-line flags, shared by `prove serve` and `prove mcp`, and
 * the bearer token from where `ps` cannot show it (PROVE_TOKEN or a file).
 */
import { readFileSync, statSync } from "node:fs";
import { DEFAULT_LIMITS, type EnvLimits } from "../env/environment.ts";
import { MAX_SEED_SCALE } from "../env/state/base.ts";

/** A command-line mistake: the command prints it with its usage and exits with status 2. */
export class UsageError extends Error {}

/** Flag → limit, with how to read the value. */
const FLAGS = {
  "max-sessions": { limit: "maxSessions", unit: "count", help: "open sessions at most (forks included)" },
  "idle-ttl": { limit: "idleTtlMs", unit: "duration", help: "a session nobody touched for this long is closed (e.g. 90s, 30m, 2h)" },
  "max-calls-per-session": { limit: "maxCallsPerSession", unit: "count", help: "calls one session may make, parse errors included" },
  "max-journal-bytes": { limit: "maxJournalBytes", unit: "count", help: "bytes one session's journal may hold (arguments, results, replies)" },
  "max-args-bytes": { limit: "maxArgsBytes", unit: "count", help: "bytes of one call's arguments" },
  "max-result-bytes": { limit: "maxResultBytes", unit: "count", help: "bytes of one call's result" },
  "max-forks": { limit: "maxForks", unit: "count", help: "copies one fork request may ask for" },
} as const satisfies Record<string, { limit: keyof EnvLimits; unit: "count" | "duration"; help: string }>;

type Flag = keyof typeof FLAGS;

/** parseArgs option specs of the limit flags. */
export const LIMIT_OPTIONS = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: "string" as const }])) as Record<Flag, { type: "string" }>;

/** The usage lines of the limit flags, with their defaults. */
export function limitsUsage(): string {
  const shown = (f: Flag) => {
    const value = DEFAULT_LIMITS[FLAGS[f].limit];
    return FLAGS[f].unit === "duration" ? `${value / 60_000}m` : String(value);
  };
  return Object.keys(FLAGS)
    .map((f) => `  ${`--${f} ${FLAGS[f as Flag].unit === "duration" ? "TIME" : "N"}`.padEnd(26)}${FLAGS[f as Flag].help} (default ${shown(f as Flag)})`)
    .join("\n");
}

/** The limits the flags set (the others keep their defaults). */
export function limitsFrom(values: Partial<Record<Flag, string | undefined>>): Partial<EnvLimits> {
  const out: Partial<EnvLimits> = {};
  for (const [flag, spec] of Object.entries(FLAGS) as Array<[Flag, (typeof FLAGS)[Flag]]>) {
    const raw = values[flag];
    if (raw === undefined) continue;
    out[spec.limit] = spec.unit === "duration" ? duration(raw, flag) : count(raw, flag);
  }
  return out;
}

/** `--seed-scale N`: the seeds' size knob (SeedContext.scale), for benchmarks on large states. */
export const SEED_SCALE_OPTION = { "seed-scale": { type: "string" as const } };
export const SEED_SCALE_USAGE = `  ${"--seed-scale N".padEnd(26)}seed N times the usual data where size matters (file system, shop), 1-${MAX_SEED_SCALE} (default 1)`;

export function seedScaleFrom(values: { "seed-scale"?: string | undefined }): number | undefined {
  const raw = values["seed-scale"];
  if (raw === undefined) return undefined;
  const n = count(raw, "seed-scale");
  if (n > MAX_SEED_SCALE) throw new UsageError(`--seed-scale takes 1 to ${MAX_SEED_SCALE}, got "${raw}"`);
  return n;
}

function count(raw: string, flag: string): number {
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${flag} takes a whole number of at least 1, got "${raw}"`);
  return n;
}

/** "90s", "30m", "2h", or plain seconds, in milliseconds. */
function duration(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  const ms = m ? Number(m[1]) * scale[(m[2] ?? "s") as keyof typeof scale] : Number.NaN;
  if (!(ms >= 1000)) throw new UsageError(`--${flag} takes a duration of at least 1s such as 90s, 30m or 2h, got "${raw}"`);
  return ms;
}

/**
 * The bearer token: PROVE_TOKEN, or the first line of --token-file. A token given on the command
 * line would show in `ps` to every user of the machine, so `--token` is refused.
 */
export function tokenFrom(values: { token?: string | undefined; "token-file"?: string | undefined }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (values.token !== undefined)
    throw new UsageError("--token would show the token to every user of this machine (in `ps`); set PROVE_TOKEN or pass --token-file FILE");
  const file = values["token-file"];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new UsageError(`--token-file ${file}: ${(err as Error).message}`);
    }
    const token = text.split(/\r?\n/)[0]?.trim() ?? "";
    if (!token) throw new UsageError(`--token-file ${file} is empty`);
    if ((statSync(file).mode & 0o077) !== 0) console.error(`prove: warning: ${file} can be read by other users (chmod 600 it)`);
    return token;
  }
  return env.PROVE_TOKEN || undefined;
}

/**
 * What a long-running server says of its memory allocator when it is not tcmalloc: glibc's malloc
 * keeps what a load peak freed (bin/allocator.mjs has the numbers), so the operator learns the fix.
 */
export function allocatorNotice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PROVE_ALLOCATOR === "tcmalloc" || process.platform !== "linux") return undefined;
  return "prove: on the system's malloc, which keeps the memory a load peak freed; install tcmalloc (Debian: libtcmalloc-minimal4) and the server runs on it";
}
