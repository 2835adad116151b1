/** A forest plot of a comparison: one row per group, the difference with its interval (SVG, no dependencies). */
import type { Comparison } from "./compare.ts";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function forestPlot(c: Comparison): string {
  const row = 26;
  const top = 48;
  const left = 170;
  const width = 420;
  const right = 150;
  const height = top + row * c.groups.length + 36;
  const scale = c.metric === "reward" ? 1 : 100;
  const bound = Math.max(1e-9, ...c.groups.flatMap((g) => [Math.abs(g.diff.low), Math.abs(g.diff.high)]).filter(Number.isFinite));
  const extent = bound * 1.1; // a margin, so a point at the bound is not cut by the edge
  const x = (v: number) => left + ((v + extent) / (2 * extent)) * width;
  const fmt = (v: number) => `${v > 0 ? "+" : ""}${(v * scale).toFixed(c.metric === "reward" ? 3 : 1)}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + right}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeHtml(`${c.b.policy} − ${c.a.policy}: ${c.metric}${c.metric === "reward" ? "" : " (points)"}`)}</text>`,
    `<text x="8" y="36" fill="#555">${escapeHtml(`${Math.round(c.level * 100)}% bootstrap intervals over tasks; green/red: the interval excludes 0`)}</text>`,
    `<line x1="${x(0)}" y1="${top - 6}" x2="${x(0)}" y2="${top + row * c.groups.length}" stroke="#999" stroke-dasharray="3,3"/>`,
  ];
  c.groups.forEach((g, i) => {
    const y = top + i * row + row / 2;
    const color = g.diff.low > 0 ? "#1a7f37" : g.diff.high < 0 ? "#cf222e" : "#57606a";
    parts.push(
      `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${escapeHtml(`${g.group} (${g.n})`)}</text>`,
      Number.isFinite(g.diff.low) ? `<line x1="${x(g.diff.low)}" y1="${y}" x2="${x(g.diff.high)}" y2="${y}" stroke="${color}" stroke-width="2"/>` : "",
      Number.isFinite(g.diff.mean) ? `<circle cx="${x(g.diff.mean)}" cy="${y}" r="4" fill="${color}"/>` : "",
      `<text x="${left + width + 8}" y="${y + 4}">${escapeHtml(`${fmt(g.diff.mean)} [${fmt(g.diff.low)}, ${fmt(g.diff.high)}]`)}</text>`,
    );
  });
  const axis = top + row * c.groups.length + 16;
  parts.push(
    `<text x="${x(-bound)}" y="${axis}" text-anchor="middle" fill="#555">${escapeHtml(fmt(-bound))}</text>`,
    `<text x="${x(0)}" y="${axis}" text-anchor="middle" fill="#555">0</text>`,
    `<text x="${x(bound)}" y="${axis}" text-anchor="middle" fill="#555">${escapeHtml(fmt(bound))}</text>`,
    "</svg>",
  );
  return `${parts.filter(Boolean).join("\n")}\n`;
}
