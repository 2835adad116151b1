/**
 * The cross-session check of a soak: every session writes markers of its own (in tool arguments,
 * free-text fields, recorded replies), and everything it reads back may hold only the markers of
 * its lineage — its own, and its parent's from before the fork. A marker of any other session in
 * a read means state or a journal leaked between sessions.
 *
 * Only markers some session was given count: fuzzed calls to text tools can rewrite a session's
 * text, and a soak once read "soakmark4ax4xq", which no session was given (two characters short
 * of a real marker). Such strings are counted apart, as altered, not as leaks.
 */

const MARKER = /soakmark[0-9a-z]+x[0-9a-z]+q/gi;
/** Every marker handed out in this process, by any worker. */
const issued = new Set<string>();

export class Lineages {
  private readonly allowed = new Map<string, Set<string>>();
  private readonly current = new Map<string, string>();
  private next = 0;

  constructor(private readonly owner: number) {}

  private fresh(): string {
    const m = `soakmark${this.owner.toString(36)}x${(this.next++).toString(36)}q`;
    issued.add(m);
    return m;
  }

  /** A new session with nothing inherited. */
  root(id: string): void {
    const m = this.fresh();
    this.allowed.set(id, new Set([m]));
    this.current.set(id, m);
  }

  /**
   * Children that start where `parent` is now: they may see what it wrote so far. The parent
   * writes a new marker from here on, which its children must never see.
   */
  fork(parent: string, children: string[]): void {
    const inherited = this.allowed.get(parent) ?? new Set<string>();
    for (const c of children) {
      const m = this.fresh();
      this.allowed.set(c, new Set([...inherited, m]));
      this.current.set(c, m);
    }
    const m = this.fresh();
    inherited.add(m);
    this.current.set(parent, m);
  }

  /** The marker a session writes now. */
  marker(id: string): string {
    return this.current.get(id) ?? "soakmarkzxzq";
  }

  close(id: string): void {
    this.allowed.delete(id);
    this.current.delete(id);
  }

  /**
   * The markers in `text`, those of them that `id` must not see (none when `id` is not one of
   * ours), and those nobody was given (text a tool altered).
   */
  read(id: string, text: string): { markers: number; foreign: string[]; altered: string[] } {
    const found = [...new Set((text.match(MARKER) ?? []).map((m) => m.toLowerCase()))];
    const allowed = this.allowed.get(id);
    const altered = found.filter((m) => !issued.has(m));
    return { markers: found.length, foreign: allowed ? found.filter((m) => issued.has(m) && !allowed.has(m)) : [], altered };
  }
}
