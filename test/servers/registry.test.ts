import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { TOOL_NAME } from "../../ts/servers/framework/index.ts";
import { domains } from "../../ts/servers/index.ts";

/** The PROVE paper's Table 2: each domain's tools, at least (343 in all). */
const MINIMUM: Record<string, number> = {
  banking: 17,
  trading: 13,
  payments: 10,
  shopping: 23,
  marketplace: 13,
  retail_chain: 11,
  travel_booking: 20,
  maps: 16,
  social_media: 15,
  team_chat: 11,
  iot_devices: 25,
  vehicle: 20,
  filesystem: 40,
  email: 17,
  calendar: 17,
  crm: 16,
  issue_tracker: 20,
  budget: 12,
  food_delivery: 17,
  video_meeting: 10,
};

describe("the domain library", () => {
  it("registers the paper's 20 domains, each with at least its tool count, 343+ in all", () => {
    expect(domains.map((d) => d.name).sort()).toEqual(Object.keys(MINIMUM).sort());
    for (const d of domains) expect(d.tools.length, d.name).toBeGreaterThanOrEqual(MINIMUM[d.name]!);
    expect(domains.reduce((n, d) => n + d.tools.length, 0)).toBeGreaterThanOrEqual(343);
  });

  it("names every tool uniquely across all domains, as an OpenAI-style function name", () => {
    const seen = new Map<string, string>();
    for (const d of domains) {
      for (const t of d.tools) {
        expect(t.name).toMatch(TOOL_NAME);
        expect(seen.get(t.name), `${t.name} is in ${seen.get(t.name)} and ${d.name}`).toBeUndefined();
        seen.set(t.name, d.name);
      }
    }
  });

  it("prove servers --json reports each domain with its counts", async () => {
    const { stdout } = await execa(process.execPath, ["bin/prove.mjs", "servers", "--json"]);
    const report = JSON.parse(stdout) as { servers: Array<{ name: string; tools: number; read: number; write: number }>; total_tools: number };
    expect(report.servers).toHaveLength(20);
    for (const s of report.servers) {
      expect(s.tools).toBeGreaterThanOrEqual(MINIMUM[s.name]!);
      expect(s.read + s.write).toBe(s.tools);
    }
    expect(report.total_tools).toBe(domains.reduce((n, d) => n + d.tools.length, 0));
  });
});
