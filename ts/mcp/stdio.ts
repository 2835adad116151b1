/** `prove mcp <domain>`: one domain, one session, over stdio. */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Environment } from "../env/environment.ts";
import { domains } from "../servers/index.ts";
import { createMcpServer } from "./server.ts";

export async function serveStdio(domainNames: readonly string[], seed: string): Promise<void> {
  const env = new Environment(domains);
  const session = env.create({ domains: domainNames, seed });
  const server = createMcpServer(env, session.id, domainNames.join("+"));
  await server.connect(new StdioServerTransport());
}
