/** Automations (trigger → conditions → actions) and schedules on the hub's clock. */
import { check, matchesText, page, ref, time, timeOfDay, z, type CallEnv } from "../../framework/index.ts";
import {
  Action,
  applyMany,
  attributeValue,
  checkAttribute,
  checkPatchFor,
  Condition,
  inWindow,
  label,
  read,
  StatePatch,
  Trigger,
  WEEKDAYS,
  write,
  type Action as ActionT,
  type Automation,
  type BulkResult,
  type Condition as ConditionT,
  type Home,
  type Trigger as TriggerT,
} from "../state.ts";
import { runScene } from "./scenes.ts";

export const MAX_ACTIONS = 10;
export const MAX_CONDITIONS = 5;

function checkTrigger(db: Home, t: TriggerT): void {
  switch (t.type) {
    case "device_state": {
      const d = db.devices.need(t.device_id);
      checkAttribute(d, t.attribute, t.to, "trigger");
      return;
    }
    case "numeric_state": {
      const d = db.devices.need(t.device_id);
      checkAttribute(d, t.attribute, undefined, "trigger");
      check(
        t.above !== undefined || t.below !== undefined,
        "a numeric_state trigger needs above, below or both (e.g. above: 26 for temperature_c)",
        "invalid_argument",
      );
      if (t.above !== undefined && t.below !== undefined) {
        check(
          t.above < t.below,
          `a numeric_state trigger with both bounds fires between them, so above (${t.above}) must be less than below (${t.below})`,
          "invalid_argument",
        );
      }
      if (t.attribute === "humidity_pct" || t.attribute === "battery_pct" || t.attribute === "brightness") {
        for (const v of [t.above, t.below])
          if (v !== undefined) check(v >= 0 && v <= 100, `${t.attribute} is a percentage, so its bounds lie in 0-100; got ${v}`, "invalid_argument");
      }
      return;
    }
    case "time":
      if (t.days)
        check(
          new Set(t.days).size === t.days.length && t.days.length > 0,
          "trigger days must be distinct weekdays, at least one (omit days for every day)",
          "invalid_argument",
        );
      return;
    case "sun":
      return;
  }
}

function checkCondition(db: Home, c: ConditionT, i: number): void {
  if (c.type === "time_window") {
    check(
      c.after !== c.before,
      `conditions[${i}]: a time window from ${c.after} to ${c.before} is empty; give two different times (a window may wrap midnight, e.g. 22:00-06:00)`,
      "invalid_argument",
    );
    return;
  }
  const d = db.devices.need(c.device_id);
  checkAttribute(d, c.attribute, c.is, `conditions[${i}]`);
}

function checkAction(db: Home, a: ActionT, where: string): void {
  if (a.type === "device") checkPatchFor(db, a.device_id, a.state, where);
  else if (a.type === "scene") db.scenes.need(a.scene_id);
}

function conditionHolds(db: Home, c: ConditionT, env: CallEnv): { ok: boolean; why: string } {
  if (c.type === "time_window") return { ok: inWindow(env.now, c.after, c.before), why: `time is ${env.now.slice(11, 16)}, outside ${c.after}-${c.before}` };
  const d = db.devices.get(c.device_id);
  const v = d ? attributeValue(d, c.attribute) : undefined;
  return { ok: v === c.is, why: `${d ? label(d) : c.device_id} ${c.attribute} is ${v ?? "unknown"}, not ${c.is}` };
}

/** Runs actions in order; offline devices are skipped and reported. */
export function runActions(db: Home, actions: readonly ActionT[], env: CallEnv, source: "automation" | "schedule", via: string) {
  const out: BulkResult & { notifications: string[] } = { applied: [], skipped: [], notifications: [] };
  for (const act of actions) {
    if (act.type === "device") {
      const r = applyMany(db, [act], env, source, via);
      out.applied.push(...r.applied);
      out.skipped.push(...r.skipped);
    } else if (act.type === "scene") {
      const scene = db.scenes.get(act.scene_id);
      if (!scene) {
        out.skipped.push({ device_id: act.scene_id, name: "(scene)", reason: "the scene no longer exists" });
        continue;
      }
      const r = runScene(db, scene, env, source);
      out.applied.push(...r.applied);
      out.skipped.push(...r.skipped);
    } else {
      out.notifications.push(act.message);
      db.device_events.create({ at: env.now, kind: "notification", message: act.message, source });
    }
  }
  return out;
}

function uniqueName<T extends { id: string; name: string }>(rows: T[], name: string, what: string): void {
  const clash = rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
  check(!clash, () => `${what} named "${clash?.name}" already exists (${clash?.id}); choose another name`, "already_exists");
}

const mentions = (a: Automation, deviceId: string) =>
  ("device_id" in a.trigger && a.trigger.device_id === deviceId) ||
  a.conditions.some((c) => c.type === "device_state" && c.device_id === deviceId) ||
  a.actions.some((x) => x.type === "device" && x.device_id === deviceId);

export const automationTools = {
  list_automations: read({
    description:
      "List automations (trigger → conditions → actions) with whether each is enabled and when it last ran. Filter by enabled, by a device they involve, or by name.",
    input: z
      .object({
        enabled: z.boolean().optional().describe("Only enabled (true) or disabled (false) automations"),
        device_id: ref("device", "Only automations whose trigger, conditions or actions involve this device").optional(),
        name: z.string().trim().max(60).optional().describe("Part of the automation name"),
        ...page,
      })
      .strict(),
    discovers: "automation",
    run: (db, a) =>
      db.automations.page(a, {
        where: (x) => (a.enabled === undefined || x.enabled === a.enabled) && (!a.device_id || mentions(x, a.device_id)) && matchesText(a.name, x.name),
      }),
  }),

  create_automation: write({
    description: `Create an automation. trigger: {type:'time', at:'HH:MM', days?} | {type:'device_state', device_id, attribute (power, motion, contact, door, smoke, leak, alarm_mode), to} | {type:'numeric_state', device_id, attribute (temperature_c, humidity_pct, power_w, battery_pct, brightness), above?, below?} | {type:'sun', event:'sunrise'|'sunset', offset_minutes}. conditions (up to ${MAX_CONDITIONS}): {type:'time_window', after, before} | {type:'device_state', device_id, attribute, is}. actions (1-${MAX_ACTIONS}): {type:'device', device_id, state} | {type:'scene', scene_id} | {type:'notify', message}. Devices must report the attributes used and accept the states set. Returns the automation.`,
    input: z
      .object({
        name: z.string().trim().min(1).max(80).describe("Automation name, unique"),
        description: z.string().trim().max(300).default("").describe("What it does, in words"),
        trigger: Trigger.describe("What starts it"),
        conditions: z.array(Condition).max(MAX_CONDITIONS, `at most ${MAX_CONDITIONS} conditions`).default([]).describe("All must hold when the trigger fires"),
        actions: z
          .array(Action)
          .min(1, "an automation needs at least one action")
          .max(MAX_ACTIONS, `at most ${MAX_ACTIONS} actions`)
          .describe("What it does, in order"),
        enabled: z.boolean().default(true).describe("Start enabled (default) or disabled"),
      })
      .strict(),
    produces: "automation",
    run: (db, a, env) => {
      uniqueName(db.automations.all(), a.name, "an automation");
      checkTrigger(db, a.trigger);
      a.conditions.forEach((c, i) => checkCondition(db, c, i));
      a.actions.forEach((x, i) => checkAction(db, x, `actions[${i}]`));
      return db.automations.create({
        name: a.name,
        description: a.description,
        enabled: a.enabled,
        trigger: a.trigger,
        conditions: a.conditions,
        actions: a.actions,
        created_at: env.now,
      });
    },
  }),

  enable_automation: write({
    description:
      "Turn a disabled automation back on so its trigger fires again (from now on: times missed while it was off do not fire). Returns the automation.",
    input: z.object({ automation_id: ref("automation", "The automation") }).strict(),
    run: (db, a, env) => {
      const x = db.automations.need(a.automation_id);
      check(!x.enabled, `automation ${x.id} ("${x.name}") is already enabled`, "conflict");
      return db.automations.update(x.id, { enabled: true, enabled_at: env.now });
    },
  }),

  disable_automation: write({
    description: "Turn an automation off without deleting it; its trigger is ignored until enable_automation. Returns the automation.",
    input: z.object({ automation_id: ref("automation", "The automation") }).strict(),
    run: (db, a) => {
      const x = db.automations.need(a.automation_id);
      check(x.enabled, `automation ${x.id} ("${x.name}") is already disabled`, "conflict");
      return db.automations.update(x.id, { enabled: false });
    },
  }),

  delete_automation: write({
    description: "Delete an automation for good (disable_automation keeps it for later).",
    input: z.object({ automation_id: ref("automation", "The automation") }).strict(),
    destructive: true,
    run: (db, a) => {
      const x = db.automations.need(a.automation_id);
      db.automations.delete(x.id);
      return { removed: x.id, name: x.name };
    },
  }),

  trigger_automation: write({
    description:
      "Run an enabled automation's actions now, as if its trigger had fired. Its conditions are checked first unless skip_conditions is true; when one fails nothing runs and the result says which. Offline devices are skipped. Returns what was applied, skipped and notified.",
    input: z
      .object({
        automation_id: ref("automation", "The automation"),
        skip_conditions: z.boolean().default(false).describe("Run the actions even if the conditions do not hold now"),
      })
      .strict(),
    run: (db, a, env) => {
      const x = db.automations.need(a.automation_id);
      check(x.enabled, `automation ${x.id} ("${x.name}") is disabled; enable it with enable_automation first`);
      if (!a.skip_conditions) {
        const failed = x.conditions.map((c) => conditionHolds(db, c, env)).filter((r) => !r.ok);
        if (failed.length) return { automation_id: x.id, ran: false, failed_conditions: failed.map((f) => f.why), applied: [], skipped: [], notifications: [] };
      }
      const r = runActions(db, x.actions, env, "automation", `automation "${x.name}"`);
      db.automations.update(x.id, { last_triggered_at: env.now });
      db.device_events.create({
        at: env.now,
        kind: "automation_ran",
        message: `Automation "${x.name}" ran (triggered by the assistant)`,
        source: "automation",
      });
      return { automation_id: x.id, ran: true, ...r };
    },
  }),

  list_device_schedules: read({
    description:
      "List the hub's schedules: at a time of day on chosen weekdays, activate a scene or set a device. Shows when each runs next. Filter by enabled, device or scene.",
    input: z
      .object({
        enabled: z.boolean().optional().describe("Only enabled (true) or paused (false) schedules"),
        device_id: ref("device", "Only schedules that set this device").optional(),
        scene_id: ref("scene", "Only schedules that activate this scene").optional(),
        ...page,
      })
      .strict(),
    discovers: "schedule",
    run: (db, a) =>
      db.schedules.page(a, {
        where: (s) =>
          (a.enabled === undefined || s.enabled === a.enabled) &&
          (!a.device_id || (s.action.type === "device" && s.action.device_id === a.device_id)) &&
          (!a.scene_id || (s.action.type === "scene" && s.action.scene_id === a.scene_id)),
      }),
  }),

  create_device_schedule: write({
    description:
      "Schedule a scene or a device setting at a time of day (HH:MM, 24-hour, hub time) on chosen weekdays (every day by default). Give scene_id, or device_id with state. Returns the schedule with its next run.",
    input: z
      .object({
        name: z.string().trim().min(1).max(80).describe("Schedule name, unique, e.g. 'Weekday wake-up'"),
        at: timeOfDay("Time of day it runs, HH:MM"),
        days: z
          .array(z.enum(WEEKDAYS))
          .min(1)
          .max(7)
          .default([...WEEKDAYS])
          .describe("Weekdays it runs on; every day by default"),
        scene_id: ref("scene", "Scene to activate").optional(),
        device_id: ref("device", "Device to set (with state)").optional(),
        state: StatePatch.optional().describe("State to give the device, e.g. {power: 'on'} or {position: 100}"),
      })
      .strict(),
    produces: "schedule",
    run: (db, a, env) => {
      uniqueName(db.schedules.all(), a.name, "a schedule");
      check(new Set(a.days).size === a.days.length, "days must be distinct weekdays", "invalid_argument");
      const hasScene = a.scene_id !== undefined;
      const hasDevice = a.device_id !== undefined || a.state !== undefined;
      check(hasScene !== hasDevice, "a schedule runs exactly one thing: give scene_id, or device_id with state — not both, not neither", "invalid_argument");
      let action: ActionT;
      if (a.scene_id !== undefined) {
        db.scenes.need(a.scene_id);
        action = { type: "scene", scene_id: a.scene_id };
      } else {
        check(a.device_id !== undefined && a.state !== undefined, "to set a device give both device_id and state", "invalid_argument");
        checkPatchFor(db, a.device_id, a.state, "state");
        action = { type: "device", device_id: a.device_id, state: a.state };
      }
      return db.schedules.create({
        name: a.name,
        at: a.at,
        days: a.days,
        action,
        enabled: true,
        next_run_at: time.nextWeeklyAt(env.now, a.at, a.days),
        created_at: env.now,
      });
    },
  }),

  update_device_schedule: write({
    description: "Change a schedule's time, weekdays or name, or pause (enabled=false) and resume it. The next run is recomputed. Returns the schedule.",
    input: z
      .object({
        schedule_id: ref("schedule", "The schedule"),
        name: z.string().trim().min(1).max(80).optional().describe("New name"),
        at: timeOfDay("New time of day, HH:MM").optional(),
        days: z.array(z.enum(WEEKDAYS)).min(1).max(7).optional().describe("New weekdays"),
        enabled: z.boolean().optional().describe("false pauses the schedule, true resumes it"),
      })
      .strict(),
    run: (db, a, env) => {
      const s = db.schedules.need(a.schedule_id);
      check(
        a.name !== undefined || a.at !== undefined || a.days !== undefined || a.enabled !== undefined,
        "nothing to change: give name, at, days or enabled",
        "invalid_argument",
      );
      if (a.name !== undefined && a.name.toLowerCase() !== s.name.toLowerCase()) uniqueName(db.schedules.all(), a.name, "a schedule");
      if (a.days) check(new Set(a.days).size === a.days.length, "days must be distinct weekdays", "invalid_argument");
      const at = a.at ?? s.at;
      const days = a.days ?? s.days;
      const enabled = a.enabled ?? s.enabled;
      const { next_run_at: _old, ...rest } = s;
      return db.schedules.put({
        ...rest,
        name: a.name ?? s.name,
        at,
        days,
        enabled,
        ...(enabled ? { next_run_at: time.nextWeeklyAt(env.now, at, days) } : {}),
      });
    },
  }),

  delete_device_schedule: write({
    description: "Delete a schedule for good (update_device_schedule with enabled=false pauses it instead).",
    input: z.object({ schedule_id: ref("schedule", "The schedule") }).strict(),
    destructive: true,
    run: (db, a) => {
      const s = db.schedules.need(a.schedule_id);
      db.schedules.delete(s.id);
      return { removed: s.id, name: s.name };
    },
  }),
};
