/** `prove mcp <domain…>` (stdio) or `prove mcp --http [--host] [--port]` (all domains, Streamable HTTP). */
import { parseArgs } from "node:util";
import { serveHttp } from "../mcp/http.ts";
import { serveStdio } from "../mcp/stdio.ts";
import { domains } from "../servers/index.ts";

export async function run(argv: string[]): Promise<number | void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      http: { type: "boolean", default: false },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8765" },
      seed: { type: "string", default: "1" },
    },
  });
  if (values.http) {
    const server = await serveHttp({ host: values.host, port: Number(values.port), seed: values.seed });
    console.error(`MCP over Streamable HTTP at ${server.url} (all domains) and ${server.url}/<domain>`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return;
  }
  const unknown = positionals.filter((p) => !domains.some((d) => d.name === p));
  if (positionals.length === 0 || unknown.length) {
    console.error(`${unknown.length ? `unknown domain ${unknown.join(", ")}; ` : ""}usage: prove mcp <domain> [--seed S] | prove mcp --http\ndomains: ${domains.map((d) => d.name).join(", ")}`);
    return 2;
  }
  // stdout carries the protocol; everything human goes to stderr.
  await serveStdio(positionals, values.seed);
}
