/**
 * Routing over shards (`prove serve --shards N`, or one `prove serve --shard NAME` per host): a
 * session lives in one process, and its id names that process's shard before its first "-"
 * ("s1-Xy3…"). A client splits a batch by shard, sends each part to its shard, and puts the
 * results back in request order. py/prove_trainer/routing.py holds the same rules.
 */

/** The shard a session id names ("" when it has no "-"). */
export function shardOf(sessionId: string): string {
  const dash = sessionId.indexOf("-");
  return dash > 0 ? sessionId.slice(0, dash) : "";
}

/** The positions of a batch's items, grouped by their session's shard, in request order; items whose shard is not known apart. */
export interface Split {
  parts: Map<string, number[]>;
  unknown: number[];
}

export function splitByShard(sessionIds: readonly string[], known: ReadonlySet<string>): Split {
  const parts = new Map<string, number[]>();
  const unknown: number[] = [];
  sessionIds.forEach((id, i) => {
    const shard = shardOf(id);
    if (!known.has(shard)) unknown.push(i);
    else {
      const part = parts.get(shard);
      if (part) part.push(i);
      else parts.set(shard, [i]);
    }
  });
  return { parts, unknown };
}

/** Each part's results at its items' positions: the inverse of splitByShard. Every position must be filled exactly once. */
export function mergeByPosition<T>(count: number, parts: Iterable<readonly [positions: readonly number[], results: readonly T[]]>): T[] {
  const out = new Array<T>(count);
  const filled = new Array<boolean>(count).fill(false);
  for (const [positions, results] of parts) {
    if (positions.length !== results.length) throw new Error(`a shard answered ${results.length} items for ${positions.length}`);
    positions.forEach((p, i) => {
      if (p < 0 || p >= count || filled[p]) throw new Error(`position ${p} of ${count} given twice or out of range`);
      filled[p] = true;
      out[p] = results[i] as T;
    });
  }
  const hole = filled.indexOf(false);
  if (hole >= 0) throw new Error(`no result for item ${hole} of ${count}`);
  return out;
}

/** What a client says of a session whose shard it does not know: the service's own NOT_FOUND words, and why. */
export function unknownSession(sessionId: string, known: Iterable<string>): string {
  const shard = shardOf(sessionId);
  return `unknown session "${sessionId.slice(0, 80)}" (${shard ? `its shard "${shard.slice(0, 32)}" is not` : "it names no shard, which is not"} one of this client's: ${[...known].join(", ")})`;
}

/** The next of n targets, in turn (new sessions, and calls any shard can answer). */
export class RoundRobin {
  private at = -1;
  constructor(private readonly n: number) {}
  next(): number {
    this.at = (this.at + 1) % this.n;
    return this.at;
  }
}
