/**
 * A session's journal: every call, its arguments, outcome, result and the state paths it
 * changed. A fork starts with its parent's journal up to the fork point without copying it.
 */
import type { Change } from "./state/engine.ts";

/**
 * How a call ended. Policy-side outcomes (everything but env_error) are the model's doing and
 * are scored; env_error is the environment's fault and is masked out of training.
 */
export type CallOutcome = "ok" | "unknown_tool" | "invalid_arguments" | "tool_error" | "env_error";

export interface CallRecord {
  /** Position in the session's journal, counting inherited records. */
  index: number;
  tool: string;
  /** Arguments as the caller sent them. */
  args: unknown;
  outcome: CallOutcome;
  /** Structured result of a successful call. */
  result?: unknown;
  error?: { code: string; message: string };
  changes: Change[];
  /** The session's logical time when the call ran. */
  at: string;
}

export class Journal {
  private readonly own: CallRecord[] = [];

  private constructor(
    private readonly parent: Journal | undefined,
    private readonly inherited: number,
  ) {}

  static empty(): Journal {
    return new Journal(undefined, 0);
  }

  /** A journal that continues this one as it is now. */
  fork(): Journal {
    return new Journal(this, this.length);
  }

  get length(): number {
    return this.inherited + this.own.length;
  }

  append(record: Omit<CallRecord, "index">): CallRecord {
    const full = { index: this.length, ...record };
    this.own.push(full);
    return full;
  }

  /** Records from `from` (inclusive) to the end. */
  entries(from = 0): CallRecord[] {
    const out: CallRecord[] = [];
    if (from < this.inherited && this.parent) out.push(...this.parent.entries(from).slice(0, this.inherited - from));
    out.push(...this.own.slice(Math.max(0, from - this.inherited)));
    return out;
  }
}
