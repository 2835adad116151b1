/**
 * The viewer's web server: one page and two JSON routes, on loopback only.
 *
 * It binds 127.0.0.1, answers only GET requests whose Host is that address (or localhost), so a
 * web page elsewhere cannot reach it through DNS rebinding, looks items up by id in memory (no
 * request names a file), and serves the page with a content security policy that runs only its
 * own script. The page builds every element with textContent: data is never parsed as HTML.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Source } from "./sources.ts";

const PAGE = readFileSync(new URL("./page.html", import.meta.url), "utf8");

export interface Viewer {
  url: string;
  close(): Promise<void>;
}

export async function startViewer(source: Source, port = 0): Promise<Viewer> {
  const nonce = randomBytes(16).toString("base64");
  const page = PAGE.replace(/__NONCE__/g, nonce);
  let origin = "";
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, "application/json", JSON.stringify({ error: (err as Error).message }));
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const host = req.headers.host ?? "";
    if (host !== origin && host !== origin.replace("127.0.0.1", "localhost"))
      return send(res, 421, "text/plain", "this viewer answers only on its loopback address\n");
    if (req.method !== "GET") return send(res, 405, "text/plain", "only GET\n");
    const url = new URL(req.url ?? "/", `http://${origin}`);
    if (url.pathname === "/") {
      res.setHeader("Content-Security-Policy", `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:`);
      return send(res, 200, "text/html; charset=utf-8", page);
    }
    if (url.pathname === "/api/index")
      return send(res, 200, "application/json", JSON.stringify({ kind: source.kind, path: source.path, title: source.title, items: source.items() }));
    if (url.pathname === "/api/item") {
      const item = source.item(url.searchParams.get("id") ?? "");
      return item ? send(res, 200, "application/json", JSON.stringify(item)) : send(res, 404, "application/json", JSON.stringify({ error: "no such item" }));
    }
    send(res, 404, "text/plain", "not found\n");
  }

  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${origin}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(body);
}
