/**
 * The service's HTTP/2 receive window (ts/rpc/window.ts): 16 MiB per connection instead of Node's
 * 64 KB, so that a large request does not wait behind hundreds of small ones on a shared
 * connection. Checked from a plain HTTP/2 client: the window the server grants it.
 */
import { connect } from "node:http2";
import { afterAll, describe, expect, it } from "vitest";
import { serve } from "../../ts/rpc/server.ts";
import { RECEIVE_WINDOW_BYTES } from "../../ts/rpc/window.ts";

describe("HTTP/2 receive window", async () => {
  const server = await serve({ port: 0 });
  afterAll(() => server.shutdown());

  it("grants every connection a 16 MiB window (grpc-js's listeners were found)", async () => {
    expect(server.widenedListeners).toBeGreaterThanOrEqual(1);
    const session = connect(`http://127.0.0.1:${server.port}`);
    try {
      let window = 0;
      for (let i = 0; i < 100 && window < RECEIVE_WINDOW_BYTES; i++) {
        await new Promise((r) => setTimeout(r, 20));
        window = session.state.remoteWindowSize ?? 0;
      }
      // Node's default would leave 65,535 here.
      expect(window).toBe(RECEIVE_WINDOW_BYTES);
    } finally {
      session.close();
    }
  });
});
