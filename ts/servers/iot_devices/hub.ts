/**
 * The hub's clock: schedules and timed automations fire as the session's logical clock moves.
 *
 * A real hub runs a schedule at 22:45 whether or not anyone is looking. Tools are pure functions
 * of the state, so the hub catches up instead: before every writing tool, each enabled schedule
 * and each enabled automation with a time or sun trigger runs every firing that came due since it
 * last ran (or was created or re-enabled), in time order, stamped with its own time. Device-state
 * triggers fire when a tool changes that device, not here. Reads show the state as of the last
 * write (a hub's app does the same until it syncs).
 */
import { time, type CallEnv } from "../framework/index.ts";
import type { Automation, Home, Schedule, Trigger } from "./state.ts";
import { attributeValue, inWindow, WEEKDAYS } from "./state.ts";
import { runActions } from "./tools/automations.ts";
import { runScene } from "./tools/scenes.ts";

/** At most this many firings of one schedule or automation are replayed per catch-up (older ones are skipped). */
export const MAX_CATCH_UP = 24;

/** Sunrise and sunset on the hub's clock, by season: summer June-August, winter November-March. */
export function sunTime(date: string, event: "sunrise" | "sunset"): string {
  const month = Number(date.slice(5, 7));
  const season = month >= 6 && month <= 8 ? "summer" : month >= 11 || month <= 3 ? "winter" : "mild";
  const at = { sunrise: { summer: "05:30", winter: "07:15", mild: "06:30" }, sunset: { summer: "20:30", winter: "17:15", mild: "19:00" } }[event][season];
  return `${date}T${at}:00Z`;
}

type Timed = Extract<Trigger, { type: "time" | "sun" }>;

const isTimed = (t: Trigger): t is Timed => t.type === "time" || t.type === "sun";

/** The first firing of a timed trigger strictly after `after`. */
export function nextFiring(t: Timed, after: string): string {
  if (t.type === "time") return time.nextWeeklyAt(after, t.at, t.days ?? WEEKDAYS);
  for (let day = time.addDays(after.slice(0, 10), -1); ; day = time.addDays(day, 1)) {
    const at = time.addMinutes(sunTime(day, t.event), t.offset_minutes);
    if (at > after) return at;
  }
}

/** The last firing of a timed trigger at or before `now`. */
export function lastFiring(t: Timed, now: string): string {
  if (t.type === "time") return time.lastWeeklyAt(now, t.at, t.days ?? WEEKDAYS);
  for (let day = time.addDays(now.slice(0, 10), 1); ; day = time.addDays(day, -1)) {
    const at = time.addMinutes(sunTime(day, t.event), t.offset_minutes);
    if (at <= now) return at;
  }
}

interface Due {
  at: string;
  run: (env: CallEnv) => void;
}

/** Firings from `first` while they are due, at most the last MAX_CATCH_UP of them. */
function firings(first: string | undefined, next: (t: string) => string, now: string): string[] {
  const out: string[] = [];
  for (let t = first; t !== undefined && t <= now; t = next(t)) {
    out.push(t);
    if (out.length > MAX_CATCH_UP) out.shift();
  }
  return out;
}

function scheduleFirings(db: Home, s: Schedule, now: string): Due[] {
  if (!s.enabled) return [];
  const times = firings(s.next_run_at, (t) => time.nextWeeklyAt(t, s.at, s.days), now);
  return times.map((at) => ({
    at,
    run: (env) => {
      const via = `schedule "${s.name}"`;
      if (s.action.type === "scene") {
        const scene = db.scenes.get(s.action.scene_id);
        if (scene) runScene(db, scene, env, "schedule");
      } else runActions(db, [s.action], env, "schedule", via);
      db.schedules.update(s.id, { last_run_at: at, next_run_at: time.nextWeeklyAt(at, s.at, s.days) });
    },
  }));
}

function automationFirings(db: Home, a: Automation, now: string): Due[] {
  const t = a.trigger;
  if (!a.enabled || !isTimed(t)) return [];
  const since = [a.last_triggered_at, a.enabled_at, a.created_at]
    .filter((x): x is string => x !== undefined)
    .sort()
    .at(-1) as string;
  return firings(nextFiring(t, since), (x) => nextFiring(t, x), now).map((at) => ({
    at,
    run: (env) => {
      const current = db.automations.get(a.id);
      if (!current?.enabled) return;
      const window = current.conditions.every((c) => c.type !== "time_window" || inWindow(at, c.after, c.before));
      const states = current.conditions.every((c) => {
        if (c.type !== "device_state") return true;
        const d = db.devices.get(c.device_id);
        return d !== undefined && attributeValue(d, c.attribute) === c.is;
      });
      if (!window || !states) return;
      runActions(db, current.actions, env, "automation", `automation "${current.name}"`);
      db.automations.update(a.id, { last_triggered_at: at });
      db.device_events.create({
        at,
        kind: "automation_ran",
        message: `Automation "${current.name}" ran (${t.type === "sun" ? t.event : `at ${t.at}`})`,
        source: "automation",
      });
    },
  }));
}

/** Runs everything that came due on the hub's clock up to `env.now`, oldest first, each at its own time. */
export function runDue(db: Home, env: CallEnv): void {
  const due = [
    ...db.schedules.all().flatMap((s) => scheduleFirings(db, s, env.now)),
    ...db.automations.all().flatMap((a) => automationFirings(db, a, env.now)),
  ];
  due.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  for (const d of due) d.run({ ...env, now: d.at, today: d.at.slice(0, 10) });
}
