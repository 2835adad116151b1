/**
 * A session's journal: every call, its arguments, outcome, result and the state paths it
 * changed, plus the assistant's replies (recorded by Step). A fork starts with its parent's
 * journal up to the fork point without copying it.
 */
import type { Change } from "./state/engine.ts";

/**
 * How a call ended. Policy-side outcomes (everything but env_error) are the model's doing and
 * are scored; env_error is the environment's fault and is masked out of training.
 */
export type CallOutcome = "ok" | "unknown_tool" | "invalid_arguments" | "tool_error" | "env_error" | "parse_error";

export interface CallRecord {
  /** Position in the session's journal, counting inherited records. */
  index: number;
  /** The tool called ("" for a call that could not be parsed). */
  tool: string;
  /** Arguments as the caller sent them (the raw fragment for a parse error). */
  args: unknown;
  outcome: CallOutcome;
  /** Structured result of a successful call. */
  result?: unknown;
  error?: { code: string; message: string };
  changes: Change[];
  /** The session's logical time when the call ran. */
  at: string;
  /** The user turn the call answered, when it came through Step with a turn. */
  turn?: number;
}

export interface ReplyRecord {
  turn: number;
  text: string;
}

/** What a record costs beyond its arguments, result or text (the object, its index, clock and outcome), for the byte budget. */
export const RECORD_BYTES = 64;

/** An append-only list whose forks share the prefix they were forked at; it keeps a count of the bytes its items hold. */
class Log<T> {
  private readonly own: T[] = [];
  private ownBytes = 0;

  constructor(
    private readonly parent?: Log<T>,
    private readonly inherited = 0,
    private readonly inheritedBytes = 0,
  ) {}

  get length(): number {
    return this.inherited + this.own.length;
  }

  get bytes(): number {
    return this.inheritedBytes + this.ownBytes;
  }

  push(item: T, bytes: number): void {
    this.own.push(item);
    this.ownBytes += bytes;
  }

  fork(): Log<T> {
    return new Log(this, this.length, this.bytes);
  }

  /** Items from `from` (inclusive) to the end. */
  slice(from = 0): T[] {
    const out: T[] = [];
    if (from < this.inherited && this.parent) out.push(...this.parent.slice(from).slice(0, this.inherited - from));
    out.push(...this.own.slice(Math.max(0, from - this.inherited)));
    return out;
  }
}

export class Journal {
  private constructor(
    private readonly calls: Log<CallRecord>,
    private readonly replies: Log<ReplyRecord>,
  ) {}

  static empty(): Journal {
    return new Journal(new Log(), new Log());
  }

  /** A journal that continues this one as it is now. */
  fork(): Journal {
    return new Journal(this.calls.fork(), this.replies.fork());
  }

  get length(): number {
    return this.calls.length;
  }

  /** Bytes the journal holds (arguments, results and replies as JSON, plus a fixed cost per record). */
  get bytes(): number {
    return this.calls.bytes + this.replies.bytes;
  }

  /** Appends a record whose arguments and result take `bytes` serialised. */
  append(record: Omit<CallRecord, "index">, bytes: number): CallRecord {
    const full = { index: this.calls.length, ...record };
    this.calls.push(full, bytes + RECORD_BYTES);
    return full;
  }

  reply(turn: number, text: string): void {
    this.replies.push({ turn, text }, Buffer.byteLength(text) + RECORD_BYTES);
  }

  /** Call records from `from` (inclusive) to the end. */
  entries(from = 0): CallRecord[] {
    return this.calls.slice(from);
  }

  replyEntries(): ReplyRecord[] {
    return this.replies.slice();
  }
}
