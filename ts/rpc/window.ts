/**
 * The HTTP/2 receive window of the service's connections. Node gives each connection 64 KB,
 * and grpc-js has no option to raise it on a server: a connection that carries hundreds of
 * clients' calls then shares 64 KB of requests in flight, and a large request (a 1 MB StepBatch)
 * waited over 60 s behind them in a soak (1,000 sessions on 4 connections; the server had ~7 MB
 * of received requests not yet read at once). With 16 MiB per connection the same soak answered
 * every call. grpc-js keeps its HTTP/2 servers in a private map: they are found there, and a
 * test checks they are (so a grpc-js upgrade that moves them fails loudly, not silently).
 */
import type { EventEmitter } from "node:events";
import type { Server } from "@grpc/grpc-js";

export const RECEIVE_WINDOW_BYTES = 16 * 2 ** 20;

interface WindowedSession {
  setLocalWindowSize(bytes: number): void;
}

/** Gives every connection the server accepts from now on a RECEIVE_WINDOW_BYTES window; returns how many listeners it hooked. */
export function widenReceiveWindows(server: Server): number {
  const listeners: unknown = Reflect.get(server, "http2Servers");
  if (!(listeners instanceof Map)) return 0;
  let hooked = 0;
  for (const listener of listeners.keys() as Iterable<EventEmitter>) {
    listener.on("session", (session: WindowedSession) => session.setLocalWindowSize(RECEIVE_WINDOW_BYTES));
    hooked++;
  }
  return hooked;
}
