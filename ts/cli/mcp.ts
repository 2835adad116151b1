/** `prove mcp <domain…>` (stdio) or `prove mcp --http [--host] [--port]` (all domains, Streamable HTTP). */
import { parseArgs } from "node:util";
import { HTTP_DEFAULTS, serveHttp } from "../mcp/http.ts";
import { serveStdio } from "../mcp/stdio.ts";
import { domains } from "../servers/index.ts";
import { allocatorNotice, LIMIT_OPTIONS, limitsFrom, limitsUsage, SEED_SCALE_OPTION, SEED_SCALE_USAGE, seedScaleFrom, UsageError } from "./limits.ts";

export const usage = `usage: prove mcp <domain>… [--seed S] [limits]     one session over stdio (it never idles out)
       prove mcp --http [--host H] [--port N] [--seed S] [limits]
                                          every domain over Streamable HTTP: /mcp and /mcp/<domain>;
                                          ?seed=S on the initialize request picks a session's seed
Either way the request "prove/reset" (params {"seed"?: string}) starts a session over from a seed.
  --seed S                  seed of sessions that name none (default 1)
${SEED_SCALE_USAGE}
${limitsUsage()}
  (over HTTP the session limit defaults to ${HTTP_DEFAULTS.maxSessions} and idle sessions are reclaimed after ${HTTP_DEFAULTS.idleTtlMs / 60_000}m)
domains: ${domains.map((d) => d.name).join(", ")}`;

export async function run(argv: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      http: { type: "boolean", default: false },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8765" },
      seed: { type: "string", default: "1" },
      ...LIMIT_OPTIONS,
      ...SEED_SCALE_OPTION,
    },
  });
  const limits = limitsFrom(values);
  const seedScale = seedScaleFrom(values);
  if (values.http) {
    const server = await serveHttp({ host: values.host, port: Number(values.port), seed: values.seed, limits, ...(seedScale ? { seedScale } : {}) });
    // Signals are handled before the ready line: whoever waits for it may stop the server at once.
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    const notice = allocatorNotice();
    if (notice) console.error(notice);
    console.error(`MCP over Streamable HTTP at ${server.url} (all domains) and ${server.url}/<domain>`);
    return;
  }
  const unknown = positionals.filter((p) => !domains.some((d) => d.name === p));
  if (positionals.length === 0 || unknown.length)
    throw new UsageError(unknown.length ? `unknown domain ${unknown.join(", ")}` : "name a domain, or pass --http");
  // stdout carries the protocol; everything human goes to stderr.
  await serveStdio(positionals, values.seed, limits, seedScale);
}
