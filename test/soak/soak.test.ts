/**
 * The guards of `make soak` (a CI-size run of the soak itself takes over 20 s, most of it
 * starting a server and letting memory settle): which reports pass, and the cross-session check
 * that decides which markers a session may read.
 */
import { describe, expect, it } from "vitest";
import { Lineages } from "../../scripts/soak/lineage.ts";
import { formatReport, verdict, type SoakReport } from "../../scripts/soak/report.ts";

const MB = 2 ** 20;

function report(over: Partial<SoakReport> = {}): SoakReport {
  return {
    seconds: 600,
    allocator: "tcmalloc",
    inputs: { "fuzz:raw bytes": 10, "session:Step": 30 },
    crashes: 0,
    crashSamples: [],
    openBefore: 0,
    openAfter: 0,
    crossReads: 0,
    crossSamples: [],
    markedReads: 12,
    memory: { start: { rss: 170 * MB, heapUsed: 40 * MB }, baseline: { rss: 200 * MB, heapUsed: 60 * MB }, end: { rss: 205 * MB, heapUsed: 62 * MB } },
    errors: { "grpc:NOT_FOUND": 3, "tool:not_found": 7 },
    sessionsOpened: 1000,
    peakOpen: 900,
    ...over,
  };
}

describe("soak verdict", () => {
  it("passes a run with no crash, no leak, no cross-read and memory within 10% of the baseline", () => {
    expect(verdict(report())).toEqual([]);
    const table = formatReport(report());
    expect(table).toMatch(/^inputs tried +40$/m);
    expect(table).toMatch(/^server's memory allocator +tcmalloc$/m);
    expect(table).toMatch(/^sessions leaked \(open after − open before\) +0 \(0 − 0\)$/m);
    expect(table).toMatch(/^server RSS at start \/ baseline after warm-up \/ end +170\.0 MB \/ 200\.0 MB \/ 205\.0 MB \(\+2\.5%\)$/m);
    expect(table).toMatch(/^ {2}tool:not_found +7$/m);
    expect(table.split("\n").at(-1)).toMatch(/^PASSED/);
  });

  it("fails on each broken guarantee, naming it", () => {
    expect(verdict(report({ crashes: 1 }))).toEqual(["1 crash(es)"]);
    expect(verdict(report({ openBefore: 2, openAfter: 5 }))).toEqual(["3 session(s) leaked"]);
    expect(verdict(report({ openBefore: 5, openAfter: 2 }))).toEqual(["-3 session(s) leaked"]);
    expect(verdict(report({ crossReads: 2 }))).toEqual(["2 cross-session read(s)"]);
    const end = { rss: 221 * MB, heapUsed: 60 * MB };
    expect(verdict(report({ memory: { ...report().memory, end } }))).toEqual(["server RSS 221.0 MB is not within 10% of its baseline 200.0 MB"]);
    expect(verdict(report({ memory: { ...report().memory, end: { rss: 219 * MB, heapUsed: 60 * MB } } }))).toEqual([]);
    // A server that died before it could report its memory fails the memory guard too.
    expect(verdict(report({ crashes: 1, memory: { ...report().memory, end: { rss: Number.NaN, heapUsed: Number.NaN } } }))).toHaveLength(2);
    expect(formatReport(report({ crossReads: 1, crossSamples: ["s0-1 read soakmark1x2q"] }))).toMatch(
      /cross-read: s0-1 read soakmark1x2q\nFAILED: 1 cross-session read\(s\)$/,
    );
  });
});

describe("soak cross-session check", () => {
  it("a session may read its own markers and its parent's from before the fork, nothing else", () => {
    const a = new Lineages(1);
    const b = new Lineages(2);
    a.root("p");
    b.root("other");
    const before = a.marker("p");
    a.fork("p", ["c1", "c2"]);
    const after = a.marker("p");
    expect(after).not.toBe(before);
    expect(a.read("c1", `{"memo":"${before}","note":"${a.marker("c1")}"}`)).toEqual({ markers: 2, foreign: [], altered: [] });
    expect(a.read("p", `${before} ${after}`)).toEqual({ markers: 2, foreign: [], altered: [] });
    // The parent's writes after the fork, a sibling's, another worker's: all foreign.
    expect(a.read("c1", after).foreign).toEqual([after]);
    expect(a.read("c1", a.marker("c2")).foreign).toEqual([a.marker("c2")]);
    expect(a.read("p", a.marker("c1")).foreign).toEqual([a.marker("c1")]);
    expect(a.read("p", `x${b.marker("other")}x`).foreign).toEqual([b.marker("other")]);
    // A tool that upper-cases what it stores still gives the marker away.
    expect(a.read("c2", b.marker("other").toUpperCase()).foreign).toEqual([b.marker("other")]);
  });

  it("a closed session's own markers are no longer checked against it, and text without markers is clean", () => {
    const a = new Lineages(3);
    a.root("s");
    expect(a.read("s", "no markers here")).toEqual({ markers: 0, foreign: [], altered: [] });
    const own = a.marker("s");
    a.close("s");
    expect(a.read("s", own)).toEqual({ markers: 1, foreign: [], altered: [] });
  });

  it("a marker nobody was given (a tool rewrote a session's text) is altered, not foreign", () => {
    const a = new Lineages(200_154);
    const b = new Lineages(200_155);
    a.root("s");
    b.root("t");
    const own = a.marker("s"); // soakmark4afux0q
    const mangled = own.replace("fu", "");
    expect(a.read("s", `${mangled} ${b.marker("t")}`)).toEqual({ markers: 2, foreign: [b.marker("t")], altered: [mangled] });
  });
});
