/** Every domain, in the order of DESIGN.md's table. Adding a domain means adding one line here. */
import type { Domain } from "./framework/index.ts";
import banking from "./banking/index.ts";

export const domains: readonly Domain[] = [banking];

export function domainNamed(name: string): Domain | undefined {
  return domains.find((d) => d.name === name);
}
