import { describe, expect, it } from "vitest";
import { Environment } from "../../ts/env/environment.ts";
import { defineDomain, ref, table, toolkit, z, type Domain } from "../../ts/servers/framework/index.ts";
import { Rng } from "../../ts/servers/framework/rng.ts";
import { worldFor } from "../../ts/servers/framework/world.ts";
import { domains } from "../../ts/servers/index.ts";
import { toolsThatCanDoIt } from "../../ts/synth/labels.ts";

const env = new Environment(domains);
const domain = (n: string) => domains.find((d) => d.name === n)!;

function check(domainName: string, hiddenName: string, args: Record<string, unknown>) {
  const d = domain(domainName);
  const session = { domains: [d.name], seed: "labels", tools: d.tools.map((t) => t.name) };
  const { id } = env.create(session);
  const call = env.call(id, hiddenName, args);
  env.close(id);
  expect(call.outcome, JSON.stringify(call.error)).toBe("ok");
  return toolsThatCanDoIt({ env, session, domain: d, world: worldFor("labels"), rng: Rng.from(1), pools: new Map() }, d.tool(hiddenName)!, call, d.tools);
}

/** Memos: one tool writes a memo with its text; two others do it in two steps; one does something else. */
const memoTables = {
  memos: table("memo", z.object({ id: z.string(), name: z.string(), text: z.string(), archived: z.boolean() }), {
    idPrefix: "M-",
    describe: (m) => `the memo "${m.name}"`,
  }),
};
const { read, write } = toolkit(memoTables);
const memos: Domain = defineDomain({
  name: "memos",
  title: "Memos",
  description: "Memos, for tests of abstention labels.",
  tables: memoTables,
  seed: () => ({ memos: [] }),
  tools: {
    list_memos: read({ description: "List memos.", input: z.object({}).strict(), discovers: "memo", run: (db) => db.memos.page({ limit: 20 }) }),
    write_memo: write({
      description: "Write a memo with its text.",
      input: z.object({ name: z.string().min(1), text: z.string() }).strict(),
      produces: "memo",
      run: (db, a) => db.memos.create({ name: a.name, text: a.text, archived: false }),
    }),
    new_memo: write({
      description: "Start an empty memo.",
      input: z.object({ name: z.string().min(1) }).strict(),
      produces: "memo",
      run: (db, a) => db.memos.create({ name: a.name, text: "", archived: false }),
    }),
    append_memo: write({
      description: "Add text at the end of a memo.",
      input: z.object({ memo_id: ref("memo", "The memo"), text: z.string() }).strict(),
      run: (db, a) => db.memos.update(a.memo_id, (m) => ({ ...m, text: m.text + a.text })),
    }),
    archive_memo: write({
      description: "Archive a memo.",
      input: z.object({ memo_id: ref("memo", "The memo") }).strict(),
      run: (db, a) => db.memos.update(a.memo_id, { archived: true }),
    }),
  },
});

describe("abstention labels", () => {
  it("find an offered tool that does what a hidden write did: append_file writes a missing file, as write_file does", () => {
    const user = worldFor("labels").user.handle;
    const able = check("filesystem", "write_file", { path: `/home/${user}/Documents/plan-7.txt`, content: "Ship it on Friday." });
    expect(able).toContain("append_file");
    expect(able).not.toContain("rm");
  });

  it("find pairs that do it together: start an empty memo, then append the text", () => {
    const memoEnv = new Environment([memos]);
    const session = { domains: ["memos"], seed: "labels", tools: memos.tools.map((t) => t.name) };
    const { id } = memoEnv.create(session);
    const call = memoEnv.call(id, "write_memo", { name: "Plan", text: "Ship it on Friday." });
    memoEnv.close(id);
    const ctx = { env: memoEnv, session, domain: memos, world: worldFor("labels"), rng: Rng.from(1), pools: new Map() };
    expect(toolsThatCanDoIt(ctx, memos.tool("write_memo")!, call, memos.tools)).toEqual(["append_memo", "new_memo"]);
    // Without the appender, nothing offered can write the text: the abstention holds.
    expect(
      toolsThatCanDoIt(
        ctx,
        memos.tool("write_memo")!,
        call,
        memos.tools.filter((t) => t.name !== "append_memo"),
      ),
    ).toEqual([]);
  });

  it("find none when no offered tool can put the entity in that state: freezing a card", () => {
    const { id } = env.create({ domains: ["banking"], seed: "labels" });
    const card = (env.call(id, "list_cards", {}).result as { items: Array<{ id: string; status: string }> }).items.find((c) => c.status === "active")!;
    env.close(id);
    expect(check("banking", "freeze_card", { card_id: card.id })).toEqual([]);
  });
});
