/**
 * Text helpers of the file system: sizes, lines, binary detection, `file`'s type guesses,
 * SHA-256 and a line diff. All pure and bounded by the file-size limit.
 */

/** Bytes of `s` in UTF-8. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes. */
export function utf8Prefix(s: string, bytes: number): string {
  let n = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (n + w > bytes) break;
    n += w;
    i += w === 4 ? 2 : 1;
  }
  return s.slice(0, i);
}

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(content: string): string[] {
  if (content === "") return [];
  const body = content.endsWith("\n") ? content.slice(0, -1) : content;
  return body.split("\n");
}

/** `wc`'s numbers: newlines, whitespace-separated words, bytes and characters. */
export function counts(content: string): { lines: number; words: number; bytes: number; chars: number } {
  let lines = 0;
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) === 10) lines++;
  const words = content.split(/\s+/).filter((w) => w !== "").length;
  return { lines, words, bytes: utf8Length(content), chars: [...content].length };
}

/** Binary when the text holds NUL or other control characters that text files never do. */
export function isBinary(content: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/.test(content.slice(0, 4096));
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ["K", "M", "G", "T"];
  let v = bytes;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v)}${units[u]}`;
}

export const TAR_MAGIC = "PROVE-TAR/1\n";

/** What `file` says about a file's content (name used only to refine text types). */
export function fileType(name: string, content: string): { description: string; mime: string } {
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  if (content === "") return { description: "empty", mime: "inode/x-empty" };
  if (content.startsWith("%PDF-")) return { description: `PDF document, version ${content.slice(5, 8)}`, mime: "application/pdf" };
  if (content.startsWith("\u0089PNG")) return { description: "PNG image data", mime: "image/png" };
  if (content.startsWith("\u00ff\u00d8\u00ff")) return { description: "JPEG image data, JFIF standard 1.01", mime: "image/jpeg" };
  if (content.startsWith("GIF8")) return { description: "GIF image data, version 89a", mime: "image/gif" };
  if (content.startsWith("PK\u0003\u0004")) return { description: "Zip archive data, at least v2.0 to extract", mime: "application/zip" };
  if (content.startsWith("\u007fELF"))
    return { description: "ELF 64-bit LSB pie executable, x86-64, dynamically linked", mime: "application/x-pie-executable" };
  if (content.startsWith(TAR_MAGIC)) return { description: "POSIX tar archive", mime: "application/x-tar" };
  if (content.startsWith("ID3") || ext === "mp3") return { description: "Audio file with ID3 version 2.4.0", mime: "audio/mpeg" };
  if (ext === "mp4" || ext === "mov") return { description: "ISO Media, MP4 v2 [ISO 14496-14]", mime: "video/mp4" };
  if (isBinary(content)) return { description: "data", mime: "application/octet-stream" };
  const ascii = !/[^\u0000-\u007f]/.test(content);
  const charset = ascii ? "ASCII text" : "Unicode text, UTF-8 text";
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(content);
  if (shebang) {
    const prog = (shebang[1] ?? "").endsWith("/env") ? (shebang[2] ?? "sh") : ((shebang[1] ?? "").split("/").pop() ?? "sh");
    const word = prog.startsWith("python")
      ? "Python script"
      : prog === "node"
        ? "Node.js script"
        : /^(ba|z|da)?sh$/.test(prog)
          ? "Bourne-Again shell script"
          : `${prog} script`;
    return { description: `${word}, ${charset} executable`, mime: "text/x-script" };
  }
  const trimmed = content.trim();
  if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && ext !== "ts" && ext !== "js") {
    try {
      JSON.parse(trimmed);
      return { description: "JSON text data", mime: "application/json" };
    } catch {
      /* not JSON: fall through to plain text */
    }
  }
  const byExt: Record<string, [string, string]> = {
    py: ["Python script", "text/x-script.python"],
    ts: ["TypeScript source", "text/x-typescript"],
    js: ["JavaScript source", "text/javascript"],
    md: ["Markdown document", "text/markdown"],
    csv: ["CSV text", "text/csv"],
    html: ["HTML document", "text/html"],
    toml: ["TOML document", "text/plain"],
    yml: ["YAML document", "text/plain"],
    yaml: ["YAML document", "text/plain"],
    log: ["log file", "text/plain"],
    sh: ["Bourne-Again shell script", "text/x-shellscript"],
  };
  const hit = byExt[ext];
  if (hit) return { description: `${hit[0]}, ${charset}`, mime: hit[1] };
  if (trimmed.startsWith("<!DOCTYPE html") || trimmed.startsWith("<html")) return { description: `HTML document, ${charset}`, mime: "text/html" };
  return { description: charset, mime: "text/plain" };
}

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4) over the UTF-8 bytes of a string.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const bitLen = bytes.length * 8;
  const total = Math.ceil((bytes.length + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(bytes);
  buf[bytes.length] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(total - 8, Math.floor(bitLen / 2 ** 32));
  view.setUint32(total - 4, bitLen >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]] as number[] as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = ((h[0] as number) + a) >>> 0;
    h[1] = ((h[1] as number) + b) >>> 0;
    h[2] = ((h[2] as number) + c) >>> 0;
    h[3] = ((h[3] as number) + d) >>> 0;
    h[4] = ((h[4] as number) + e) >>> 0;
    h[5] = ((h[5] as number) + f) >>> 0;
    h[6] = ((h[6] as number) + g) >>> 0;
    h[7] = ((h[7] as number) + hh) >>> 0;
  }
  return [...h].map((x) => x.toString(16).padStart(8, "0")).join("");
}

// ---------------------------------------------------------------------------------------------
// Line diff: common prefix and suffix trimmed, LCS on the rest, printed as a unified diff.

/** Cells of the LCS table at most; past it diff refuses rather than stall. */
export const DIFF_MAX_CELLS = 4_000_000;

export type Edit = { op: "=" | "-" | "+"; line: string };

/**
 * The edit script turning `a` into `b`, comparing lines by `key` (e.g. case-folded), or
 * undefined when the changed middle is too large to compare.
 */
export function diffLines(a: readonly string[], b: readonly string[], key: (line: string) => string = (l) => l): Edit[] | undefined {
  const ka = a.map(key);
  const kb = b.map(key);
  let pre = 0;
  while (pre < a.length && pre < b.length && ka[pre] === kb[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && ka[a.length - 1 - suf] === kb[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if ((n + 1) * (m + 1) > DIFF_MAX_CELLS) return undefined;
  const x = (i: number) => ka[pre + i];
  const y = (j: number) => kb[pre + j];
  // lcs[i][j] = LCS length of the middles from i and j on, flattened.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = x(i) === y(j) ? (lcs[(i + 1) * w + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    }
  }
  const edits: Edit[] = a.slice(0, pre).map((line) => ({ op: "=", line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x(i) === y(j)) {
      edits.push({ op: "=", line: a[pre + i] as string });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i * w + j + 1] as number) >= (lcs[(i + 1) * w + j] as number))) {
      edits.push({ op: "+", line: b[pre + j] as string });
      j++;
    } else {
      edits.push({ op: "-", line: a[pre + i] as string });
      i++;
    }
  }
  // Deletions read better before insertions within one change block.
  const ordered: Edit[] = [];
  for (let k = 0; k < edits.length; ) {
    if ((edits[k] as Edit).op === "=") {
      ordered.push(edits[k] as Edit);
      k++;
      continue;
    }
    const block: Edit[] = [];
    while (k < edits.length && (edits[k] as Edit).op !== "=") block.push(edits[k++] as Edit);
    ordered.push(...block.filter((e) => e.op === "-"), ...block.filter((e) => e.op === "+"));
  }
  for (const line of a.slice(a.length - suf)) ordered.push({ op: "=", line });
  return ordered;
}

/** Unified diff hunks ("@@ -3,7 +3,8 @@" …) with `context` lines around each change. */
export function unifiedHunks(edits: readonly Edit[], context: number): string[] {
  const out: string[] = [];
  const changed = edits.map((e) => e.op !== "=");
  let k = 0;
  while (k < edits.length) {
    if (!changed[k]) {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while the next change lies within 2×context unchanged lines.
    for (;;) {
      while (end < edits.length && changed[end]) end++;
      let gap = end;
      while (gap < edits.length && !changed[gap]) gap++;
      if (gap < edits.length && gap - end <= 2 * context) end = gap;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    // Line numbers: count old/new lines before `start`.
    let oldLine = 1;
    let newLine = 1;
    for (let q = 0; q < start; q++) {
      const op = (edits[q] as Edit).op;
      if (op !== "+") oldLine++;
      if (op !== "-") newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    const body: string[] = [];
    for (let q = start; q < end; q++) {
      const e = edits[q] as Edit;
      if (e.op !== "+") oldCount++;
      if (e.op !== "-") newCount++;
      body.push(`${e.op === "=" ? " " : e.op}${e.line}`);
    }
    const range = (line: number, count: number) => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
    out.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...body);
    k = end;
  }
  return out;
}
