/** Energy readings and device groups. */
import { check, descending, isoDate, matchesText, page, rangeStart, ref, refs, roundMoney, time, z } from "../../framework/index.ts";
import { applyMany, has, label, read, TARIFF_PER_KWH, write, type Device, type Home } from "../state.ts";

export const MAX_RANGE_DAYS = 31;
export const MAX_GROUP_SIZE = 20;

function metered(db: Home, deviceId: string): Device {
  const d = db.devices.need(deviceId);
  if (!has(d, "power_meter")) {
    const some = db.devices.filter((x) => has(x, "power_meter")).slice(0, 12);
    check(false, `${label(d)} has no power meter, so it has no energy readings; metered devices: ${some.map(label).join(", ")}`, "invalid_argument");
  }
  return d;
}

export const energyTools = {
  list_energy_readings: read({
    description:
      "Daily energy readings (kWh and cost in USD) of metered devices such as smart plugs and the thermostat, newest first. Filter by device, room and date range.",
    input: z
      .object({
        device_id: ref("device", "Only this device").optional(),
        room_id: ref("room", "Only devices in this room").optional(),
        from_date: rangeStart("to_date", isoDate("Earliest day, inclusive")).optional(),
        to_date: isoDate("Latest day, inclusive").optional(),
        ...page,
      })
      .strict(),
    discovers: "energy_reading",
    run: (db, a) => {
      if (a.device_id) metered(db, a.device_id);
      if (a.room_id) db.rooms.need(a.room_id);
      const inRoom = a.room_id ? new Set(db.devices.filter((d) => d.room_id === a.room_id).map((d) => d.id)) : undefined;
      return db.energy_readings.page(a, {
        where: (e) =>
          (!a.device_id || e.device_id === a.device_id) &&
          (!inRoom || inRoom.has(e.device_id)) &&
          (!a.from_date || e.date >= a.from_date) &&
          (!a.to_date || e.date <= a.to_date),
        sort: (x, y) => descending("date")(x, y) || (x.device_id < y.device_id ? -1 : 1),
      });
    },
  }),

  get_energy_usage: read({
    description: `Energy used over a date range (default: the last 7 full days; at most ${MAX_RANGE_DAYS} days, up to yesterday): total kWh and cost at the user's tariff, per day and per device (biggest first). Optionally for one device or one room.`,
    input: z
      .object({
        from_date: rangeStart("to_date", isoDate("First day, inclusive; default 7 days ago")).optional(),
        to_date: isoDate("Last day, inclusive; default yesterday").optional(),
        device_id: ref("device", "Only this metered device").optional(),
        room_id: ref("room", "Only devices in this room").optional(),
      })
      .strict(),
    run: (db, a, env) => {
      const yesterday = time.addDays(env.today, -1);
      const to = a.to_date ?? yesterday;
      const from = a.from_date ?? time.addDays(to, -6);
      check(from <= to, `from_date ${from} is after to_date ${to}; give from_date on or before to_date`, "invalid_argument");
      check(to <= yesterday, `readings exist up to yesterday (${yesterday}); to_date ${to} is later`, "invalid_argument");
      const days = time.daysBetween(from, to) + 1;
      check(days <= MAX_RANGE_DAYS, `the range covers ${days} days; ask for at most ${MAX_RANGE_DAYS} days at a time`, "invalid_argument");
      if (a.device_id) metered(db, a.device_id);
      if (a.room_id) db.rooms.need(a.room_id);
      const inRoom = a.room_id ? new Set(db.devices.filter((d) => d.room_id === a.room_id).map((d) => d.id)) : undefined;
      const rows = db.energy_readings.filter(
        (e) => e.date >= from && e.date <= to && (!a.device_id || e.device_id === a.device_id) && (!inRoom || inRoom.has(e.device_id)),
      );
      const byDay = new Map<string, number>();
      const byDevice = new Map<string, number>();
      const costOf = new Map<string, number>();
      for (const r of rows) {
        byDay.set(r.date, (byDay.get(r.date) ?? 0) + r.kwh);
        byDevice.set(r.device_id, (byDevice.get(r.device_id) ?? 0) + r.kwh);
        costOf.set(r.device_id, (costOf.get(r.device_id) ?? 0) + r.cost);
      }
      const kwh = (v: number) => Math.round(v * 100) / 100;
      const total = kwh(rows.reduce((s, r) => s + r.kwh, 0));
      return {
        from_date: from,
        to_date: to,
        tariff_per_kwh: TARIFF_PER_KWH,
        currency: "USD",
        total_kwh: total,
        total_cost: roundMoney(rows.reduce((s, r) => s + r.cost, 0)),
        by_day: [...byDay].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([date, v]) => ({ date, kwh: kwh(v) })),
        by_device: [...byDevice]
          .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
          .map(([id, v]) => ({ device_id: id, name: db.devices.get(id)?.name ?? id, kwh: kwh(v), cost: roundMoney(costOf.get(id) ?? 0) })),
      };
    },
  }),

  list_device_groups: read({
    description: "List device groups (sets of devices switched together, e.g. 'Downstairs Lights') with their members.",
    input: z
      .object({
        name: z.string().trim().max(60).optional().describe("Part of the group name"),
        device_id: ref("device", "Only groups containing this device").optional(),
        ...page,
      })
      .strict(),
    discovers: "device_group",
    run: (db, a) => db.device_groups.page(a, { where: (g) => matchesText(a.name, g.name) && (!a.device_id || g.device_ids.includes(a.device_id)) }),
  }),

  create_device_group: write({
    description: `Group 2-${MAX_GROUP_SIZE} devices that can be switched on and off (lights, switches, plugs, speakers) so set_device_group_power controls them together. Group names are unique. Returns the group.`,
    input: z
      .object({
        name: z.string().trim().min(1).max(60).describe("Group name, e.g. 'Upstairs Lights'"),
        device_ids: refs("device", `The member devices, 2-${MAX_GROUP_SIZE}`, { max: MAX_GROUP_SIZE }),
      })
      .strict(),
    produces: "device_group",
    run: (db, a, env) => {
      const clash = db.device_groups.find((g) => g.name.toLowerCase() === a.name.toLowerCase());
      check(!clash, () => `a group named "${clash?.name}" already exists (${clash?.id}); choose another name`, "already_exists");
      check(new Set(a.device_ids).size === a.device_ids.length, "each device may appear in the group once", "invalid_argument");
      check(a.device_ids.length >= 2, `a group needs at least 2 devices; got ${a.device_ids.length}`, "invalid_argument");
      for (const id of a.device_ids) {
        const d = db.devices.need(id);
        check(
          has(d, "on_off"),
          `${label(d)} cannot be switched on or off, so it cannot join a group; groups hold lights, switches, plugs and speakers`,
          "invalid_argument",
        );
      }
      return db.device_groups.create({ name: a.name, device_ids: a.device_ids, created_at: env.now });
    },
  }),

  set_device_group_power: write({
    description:
      "Switch every device of a group on or off at once. Offline members are skipped and listed; fails only when no member could be switched. Returns what changed.",
    input: z.object({ device_group_id: ref("device_group", "The group"), power: z.enum(["on", "off"]).describe("on or off") }).strict(),
    run: (db, a, env) => {
      const g = db.device_groups.need(a.device_group_id);
      const r = applyMany(
        db,
        g.device_ids.map((device_id) => ({ device_id, state: { power: a.power } })),
        env,
        "assistant",
        `group "${g.name}"`,
      );
      check(
        r.applied.length > 0,
        () => `no member of group "${g.name}" could be switched ${a.power}: ${r.skipped.map((s) => `${s.device_id} (${s.name}) ${s.reason}`).join("; ")}`,
      );
      return { device_group_id: g.id, name: g.name, power: a.power, ...r };
    },
  }),

  delete_device_group: write({
    description: "Delete a device group; its devices stay as they are.",
    input: z.object({ device_group_id: ref("device_group", "The group") }).strict(),
    destructive: true,
    run: (db, a) => {
      const g = db.device_groups.need(a.device_group_id);
      db.device_groups.delete(g.id);
      return { removed: g.id, name: g.name };
    },
  }),
};
