/** The smart home's seed, checked against the rules of a real home (and its hub), and the hub's clock. */
import { describe, expect, it } from "vitest";
import iot from "../../ts/servers/iot_devices/index.ts";
import type { AccessCode, Automation, Device, DeviceEvent, DeviceGroup, EnergyReading, Room, Scene, Schedule } from "../../ts/servers/iot_devices/state.ts";
import { openSession, type TestSession } from "../helpers/session.ts";
import { seedRules } from "../helpers/seed-rules.ts";

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last HH:MM at or before `now` on one of `days`, written out step by step. */
function lastAt(now: string, hhmm: string, days: readonly string[]): string {
  for (let back = 0; back < 8; back++) {
    const day = addDays(now.slice(0, 10), -back);
    const at = `${day}T${hhmm}:00Z`;
    if (at <= now && days.includes(DAYS[new Date(at).getUTCDay()]!)) return at;
  }
  throw new Error("no time in a week");
}
const nextAt = (now: string, hhmm: string, days: readonly string[]) => {
  for (let k = 0; k < 8; k++) {
    const at = `${addDays(now.slice(0, 10), k)}T${hhmm}:00Z`;
    if (at > now && days.includes(DAYS[new Date(at).getUTCDay()]!)) return at;
  }
  throw new Error("no time in a week");
};
const usesOf = (parts: ReadonlyArray<{ device_id?: string; scene_id?: string }>) =>
  parts.flatMap((p) => [p.device_id, p.scene_id]).filter((x): x is string => !!x);

seedRules(iot, {
  "every device sits in a room that exists, installed on or after the day the room was set up": (s) => {
    const rooms = new Map(s.rows<Room>("rooms").map((r) => [r.id, r]));
    for (const d of s.rows<Device>("devices")) {
      const r = rooms.get(d.room_id)!;
      expect(d.installed_on >= r.created_at.slice(0, 10), `${d.name} installed ${d.installed_on}, ${r.name} set up ${r.created_at}`).toBe(true);
      expect(d.installed_on <= s.world.today).toBe(true);
    }
  },
  "scenes, automations, schedules, groups and access codes were made after the devices and scenes they use, and before now": (s) => {
    const made = new Map<string, string>([
      ...s.rows<Device>("devices").map((d) => [d.id, d.installed_on] as const),
      ...s.rows<Scene>("scenes").map((x) => [x.id, x.created_at] as const),
    ]);
    const check = (what: string, created: string, uses: string[]) => {
      expect(created <= s.world.now, what).toBe(true);
      for (const u of uses) expect(created.slice(0, 10) >= made.get(u)!.slice(0, 10), `${what} uses ${u}`).toBe(true);
    };
    for (const x of s.rows<Scene>("scenes"))
      check(
        x.name,
        x.created_at,
        x.entries.map((e) => e.device_id),
      );
    for (const a of s.rows<Automation>("automations"))
      check(a.name, a.created_at, usesOf([a.trigger as { device_id?: string }, ...a.conditions, ...a.actions] as Array<{ device_id?: string }>));
    for (const x of s.rows<Schedule>("schedules")) check(x.name, x.created_at, usesOf([x.action as { device_id?: string; scene_id?: string }]));
    for (const g of s.rows<DeviceGroup>("device_groups")) check(g.name, g.created_at, g.device_ids);
    for (const c of s.rows<AccessCode>("access_codes")) {
      check(c.name, c.created_at, [c.device_id]);
      if (c.last_used_at) expect(c.last_used_at > c.created_at && c.last_used_at <= s.world.now, c.name).toBe(true);
    }
  },
  "an enabled schedule last ran at its last time on its weekdays and runs next at the next one; a paused one has no next run": (s) => {
    for (const x of s.rows<Schedule>("schedules")) {
      if (!x.enabled) expect(x.next_run_at, x.name).toBeUndefined();
      else expect([x.last_run_at, x.next_run_at], x.name).toEqual([lastAt(s.world.now, x.at, x.days), nextAt(s.world.now, x.at, x.days)]);
    }
  },
  "an enabled automation on a time of day last fired at that time's last occurrence; a sunset one at the season's sunset (17:15 in winter, 19:00 in spring and autumn, 20:30 in summer)":
    (s) => {
      const month = Number(s.world.today.slice(5, 7));
      const sunset = month >= 6 && month <= 8 ? "20:30" : month >= 11 || month <= 3 ? "17:15" : "19:00";
      for (const a of s.rows<Automation>("automations").filter((x) => x.enabled)) {
        if (a.trigger.type === "time") expect(a.last_triggered_at, a.name).toBe(lastAt(s.world.now, a.trigger.at, a.trigger.days ?? DAYS));
        if (a.trigger.type === "sun" && a.trigger.event === "sunset") expect(a.last_triggered_at, a.name).toBe(lastAt(s.world.now, sunset, DAYS));
      }
    },
  "a scene a schedule runs was last activated no earlier than the schedule last ran": (s) => {
    const scenes = new Map(s.rows<Scene>("scenes").map((x) => [x.id, x]));
    for (const x of s.rows<Schedule>("schedules").filter((y) => y.enabled && y.action.type === "scene")) {
      expect(scenes.get((x.action as { scene_id: string }).scene_id)!.last_activated_at! >= x.last_run_at!, x.name).toBe(true);
    }
  },
  "nothing the hub runs by itself unlocks a door: scenes, automations and schedules may only lock": (s) => {
    const patches = [
      ...s.rows<Scene>("scenes").flatMap((x) => x.entries.map((e) => e.state)),
      ...s.rows<Automation>("automations").flatMap((a) => a.actions.flatMap((x) => ("state" in x ? [x.state] : []))),
      ...s.rows<Schedule>("schedules").flatMap((x) => ("state" in x.action ? [x.action.state] : [])),
    ];
    for (const p of patches) expect((p as { locked?: boolean }).locked).not.toBe(false);
  },
  "the fixed points: patio door unlocked and standing open, front door locked and closed, alarm disarmed, garden camera offline with a flat battery": (s) => {
    const d = (name: string) => s.rows<Device>("devices").find((x) => x.name === name)!;
    expect(d("Patio Door Lock").state).toMatchObject({ locked: false, door: "open" });
    expect(d("Front Door Lock").state).toMatchObject({ locked: true, door: "closed" });
    expect(d("Alarm Keypad").state.alarm_mode).toBe("disarmed");
    expect([d("Garden Camera").online, d("Garden Camera").state.battery_pct]).toEqual([false, 0]);
  },
  "an offline device was last seen before now and logged going offline; an online one checked in within ten minutes": (s) => {
    const events = s.rows<DeviceEvent>("device_events");
    for (const d of s.rows<Device>("devices")) {
      const minutes = (Date.parse(s.world.now) - Date.parse(d.last_seen)) / 60_000;
      if (d.online) expect(minutes, d.name).toBeLessThanOrEqual(10);
      else
        expect(
          events.some((e) => e.device_id === d.id && e.kind === "went_offline" && e.at === d.last_seen),
          d.name,
        ).toBe(true);
    }
  },
  "each metered device has a reading for each of the last 14 days, costing 0.31 per kWh": (s) => {
    const metered = s.rows<Device>("devices").filter((d) => d.capabilities.includes("power_meter"));
    const readings = s.rows<EnergyReading>("energy_readings");
    expect(readings).toHaveLength(metered.length * 14);
    for (const r of readings) expect(Math.abs(r.cost - r.kwh * 0.31)).toBeLessThanOrEqual(0.005 + 1e-9);
  },
});

describe("iot_devices: the hub's clock moves with the session's", () => {
  const session = () => openSession(iot, 7);
  const dev = (s: TestSession, name: string) => s.rows<Device>("devices").find((x) => x.name === name)!;
  const schedule = (s: TestSession, name: string) => s.rows<Schedule>("schedules").find((x) => x.name === name)!;
  /** Any write: the hub catches up before it. */
  const poke = (s: TestSession) => {
    const lamp = s.rows<Device>("devices").find((x) => x.name.startsWith("Floor Lamp"))!;
    return s.ok("rename_device", { device_id: lamp.id, name: `Floor Lamp ${s.now().slice(5, 16)}` });
  };

  it("a seeded schedule runs when the clock passes its time: Bedtime at 22:45 applies Good Night, at 22:45", () => {
    const s = session();
    const bedtime = schedule(s, "Bedtime");
    s.advanceTo(`${bedtime.next_run_at!.slice(0, 10)}T23:10:00Z`);
    poke(s);
    expect(dev(s, "Living Room Ceiling").state.power).toBe("off");
    expect(dev(s, "Hallway Light").state).toMatchObject({ power: "on", brightness: 10 });
    const after = schedule(s, "Bedtime");
    expect([after.last_run_at, after.next_run_at]).toEqual([bedtime.next_run_at, `${addDays(bedtime.next_run_at!.slice(0, 10), 1)}T22:45:00Z`]);
    const logged = s.rows<DeviceEvent>("device_events").filter((e) => e.kind === "scene_activated" && e.source === "schedule" && e.at === bedtime.next_run_at);
    expect(logged.map((e) => e.message)).toEqual([expect.stringMatching(/^Scene "Good Night" activated/)]);
  });

  it("timed automations fire as the clock moves: the porch light goes on at sunset and off at midnight", () => {
    const s = session();
    const today = s.now().slice(0, 10);
    s.advanceTo(`${today}T20:45:00Z`);
    poke(s);
    expect(dev(s, "Porch Light").state.power).toBe("on");
    s.advanceTo(`${addDays(today, 1)}T00:30:00Z`);
    poke(s);
    expect(dev(s, "Porch Light").state.power).toBe("off");
    const midnight = s.rows<Automation>("automations").find((a) => a.name === "Porch light off at midnight")!;
    expect(midnight.last_triggered_at).toBe(`${addDays(today, 1)}T00:00:00Z`);
  });

  it("nothing fires before its time, and a failed write leaves the hub where it was", () => {
    const s = session();
    const bedtime = schedule(s, "Bedtime").last_run_at;
    const porch = dev(s, "Porch Light").state;
    s.advance(60 * 60_000);
    poke(s);
    expect(schedule(s, "Bedtime").last_run_at).toBe(bedtime);
    expect(dev(s, "Porch Light").state).toEqual(porch);
    s.advanceTo(`${s.now().slice(0, 10)}T23:10:00Z`);
    const hash = s.hash();
    const lamp = s.rows<Device>("devices").find((x) => x.name.startsWith("Floor Lamp"))!;
    s.fails("rename_device", { device_id: lamp.id, name: lamp.name }, "invalid_argument");
    expect(s.hash()).toBe(hash);
    expect(schedule(s, "Bedtime").last_run_at).toBe(bedtime);
  });

  it("a paused schedule and a disabled automation do not fire; turned back on, they fire from then on only", () => {
    const s = session();
    const bedtime = schedule(s, "Bedtime");
    s.ok("update_device_schedule", { schedule_id: bedtime.id, enabled: false });
    const lockUp = s.rows<Automation>("automations").find((a) => a.name === "Lock up at 23:00")!;
    s.ok("disable_automation", { automation_id: lockUp.id });
    s.advanceTo(`${s.now().slice(0, 10)}T23:30:00Z`);
    poke(s);
    expect(schedule(s, "Bedtime").last_run_at).toBe(bedtime.last_run_at);
    s.ok("enable_automation", { automation_id: lockUp.id });
    expect(s.rows<Automation>("automations").find((a) => a.id === lockUp.id)!.last_triggered_at).toBe(lockUp.last_triggered_at);
    s.advanceTo(`${addDays(s.now().slice(0, 10), 1)}T23:05:00Z`);
    poke(s);
    expect(s.rows<Automation>("automations").find((a) => a.id === lockUp.id)!.last_triggered_at).toMatch(/T23:00:00Z$/);
  });

  it("a long jump replays at most the last 24 runs of a schedule", () => {
    const s = session();
    const start = s.now();
    s.advance(40 * 86_400_000);
    poke(s);
    const runs = s.rows<DeviceEvent>("device_events").filter((e) => e.source === "schedule" && e.at > start && e.message.startsWith('Scene "Good Night"'));
    expect(runs).toHaveLength(24);
  });
});
