/**
 * `prove mcp <domain>`: one domain, one session, over stdio. The process is the session: it
 * never expires from idleness (its client ends it by closing stdin), and one that used up its
 * budget starts over with `prove/reset`.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Environment, type EnvLimits } from "../env/environment.ts";
import { domains } from "../servers/index.ts";
import { bind, createMcpServer } from "./server.ts";

export async function serveStdio(domainNames: readonly string[], seed: string, limits: Partial<EnvLimits> = {}, seedScale?: number): Promise<void> {
  const env = new Environment(domains, { limits: { idleTtlMs: Number.POSITIVE_INFINITY, ...limits }, ...(seedScale ? { seedScale } : {}) });
  const server = createMcpServer(env, bind(env, domainNames, seed), domainNames.join("+"));
  await server.connect(new StdioServerTransport());
}
