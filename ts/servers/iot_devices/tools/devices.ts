/** Rooms, devices, sensor readings, the logbook and the home overview. */
import { check, descending, isoInstant, matchesText, page, rangeStart, ref, z } from "../../framework/index.ts";
import { CAPABILITIES, DEVICE_TYPES, EVENT_KINDS, has, label, read, ROOM_KINDS, write, type Device, type Home } from "../state.ts";

const SENSOR_CAPS = ["temperature", "humidity", "motion", "contact", "door_sensor", "smoke", "leak", "power_meter", "battery"] as const;
const norm = (s: string) => s.trim().toLowerCase();

/** Device names are unique within a room (case-insensitive). */
export function checkNameFree(db: Home, roomId: string, name: string, except?: string): void {
  const clash = db.devices.find((d) => d.room_id === roomId && d.id !== except && norm(d.name) === norm(name));
  const room = db.rooms.get(roomId);
  check(
    !clash,
    () => `${room?.name ?? roomId} already has a device named "${clash?.name}" (${clash?.id}); device names are unique per room, so choose another name`,
    "already_exists",
  );
}

function roomName(db: Home, id: string): string {
  return db.rooms.get(id)?.name ?? id;
}

export const deviceTools = {
  list_home_rooms: read({
    description: "List the rooms (areas) of the user's home with their floor and how many devices each holds. Use the room ids to filter list_devices.",
    input: z
      .object({ floor: z.number().int().min(-2).max(5).optional().describe("Only rooms on this floor (0 ground, 1 upstairs, -1 basement)"), ...page })
      .strict(),
    discovers: "room",
    run: (db, a) => {
      const p = db.rooms.page(a, { where: (r) => a.floor === undefined || r.floor === a.floor });
      return { ...p, items: p.items.map((r) => ({ ...r, device_count: db.devices.count((d) => d.room_id === r.id) })) };
    },
  }),

  create_home_room: write({
    description: "Add a room (area) to the home, e.g. a new 'Workshop' in the garage. Room names are unique. Returns the room.",
    input: z
      .object({
        name: z.string().trim().min(1).max(60).describe("Room name, e.g. 'Workshop'"),
        kind: z.enum(ROOM_KINDS).describe("What the room is used for"),
        floor: z.number().int().min(-2).max(5).default(0).describe("Floor: 0 ground, 1 upstairs, -1 basement"),
      })
      .strict(),
    produces: "room",
    run: (db, a, env) => {
      const clash = db.rooms.find((r) => norm(r.name) === norm(a.name));
      check(!clash, () => `a room named "${clash?.name}" already exists (${clash?.id}); choose another name`, "already_exists");
      return db.rooms.create({ name: a.name, kind: a.kind, floor: a.floor, created_at: env.now });
    },
  }),

  delete_home_room: write({
    description:
      "Remove an empty room. Rooms that still hold devices cannot be removed: move the devices elsewhere with move_device_to_room first. Scenes tied to the room stay, without a room.",
    input: z.object({ room_id: ref("room", "The room to remove") }).strict(),
    destructive: true,
    run: (db, a) => {
      const r = db.rooms.need(a.room_id);
      const inside = db.devices.filter((d) => d.room_id === r.id);
      check(
        inside.length === 0,
        () =>
          `${r.id} (${r.name}) still holds ${inside.length} device(s): ${inside.slice(0, 8).map(label).join(", ")}${inside.length > 8 ? ", …" : ""}; move them with move_device_to_room first`,
      );
      for (const s of db.scenes.filter((x) => x.room_id === r.id)) {
        const { room_id: _gone, ...rest } = s;
        db.scenes.put(rest);
      }
      db.rooms.delete(r.id);
      return { removed: r.id, name: r.name };
    },
  }),

  list_devices: read({
    description:
      "List smart-home devices with their current state, filtered by room, type, capability, online status, power state or name. Returns devices with id, name, type, room, capabilities, online flag and state.",
    input: z
      .object({
        room_id: ref("room", "Only devices in this room").optional(),
        type: z.enum(DEVICE_TYPES).optional().describe("Only devices of this type"),
        capability: z.enum(CAPABILITIES).optional().describe("Only devices with this capability, e.g. color or brightness"),
        online: z.boolean().optional().describe("true: only reachable devices; false: only offline ones"),
        power: z.enum(["on", "off"]).optional().describe("Only devices switched on / off"),
        name: z.string().trim().max(60).optional().describe("Part of the device name, case-insensitive"),
        ...page,
      })
      .strict(),
    discovers: "device",
    run: (db, a) => {
      if (a.room_id) db.rooms.need(a.room_id);
      const p = db.devices.page(a, {
        where: (d) =>
          (!a.room_id || d.room_id === a.room_id) &&
          (!a.type || d.type === a.type) &&
          (!a.capability || has(d, a.capability)) &&
          (a.online === undefined || d.online === a.online) &&
          (!a.power || d.state.power === a.power) &&
          matchesText(a.name, d.name),
      });
      return { ...p, items: p.items.map((d) => ({ ...d, room_name: roomName(db, d.room_id) })) };
    },
  }),

  get_device: read({
    description:
      "Full details of one device: type, maker and model, room, capabilities and their ranges (colour temperature, thermostat modes), online status, state, and the groups and scenes it belongs to.",
    input: z.object({ device_id: ref("device", "The device") }).strict(),
    run: (db, a) => {
      const d = db.devices.need(a.device_id);
      return {
        ...d,
        room_name: roomName(db, d.room_id),
        group_ids: db.device_groups.filter((g) => g.device_ids.includes(d.id)).map((g) => g.id),
        scene_ids: db.scenes.filter((s) => s.entries.some((e) => e.device_id === d.id)).map((s) => s.id),
      };
    },
  }),

  get_device_state: read({
    description:
      "The current state of one device (power, brightness, setpoints, lock, position…), whether it is reachable and when it last changed. For an offline device this is the last known state.",
    input: z.object({ device_id: ref("device", "The device") }).strict(),
    run: (db, a) => {
      const d = db.devices.need(a.device_id);
      return {
        device_id: d.id,
        name: d.name,
        type: d.type,
        online: d.online,
        last_seen: d.last_seen,
        last_changed: d.last_changed,
        stale: !d.online,
        state: d.state,
      };
    },
  }),

  rename_device: write({
    description: "Give a device a new name. Names are unique within a room. Returns the device.",
    input: z.object({ device_id: ref("device", "The device"), name: z.string().trim().min(1).max(60).describe("New name, e.g. 'Reading Lamp'") }).strict(),
    run: (db, a, env) => {
      const d = db.devices.need(a.device_id);
      check(d.name !== a.name, `${label(d)} is already named "${a.name}"`, "invalid_argument");
      checkNameFree(db, d.room_id, a.name, d.id);
      db.device_events.create({ device_id: d.id, at: env.now, kind: "state_changed", message: `${d.name} renamed to ${a.name}`, source: "assistant" });
      return db.devices.update(d.id, { name: a.name });
    },
  }),

  move_device_to_room: write({
    description: "Assign a device to another room (area). The device's name must not clash with a device already in that room. Returns the device.",
    input: z.object({ device_id: ref("device", "The device to move"), room_id: ref("room", "The room it now belongs to") }).strict(),
    run: (db, a) => {
      const d = db.devices.need(a.device_id);
      const r = db.rooms.need(a.room_id);
      check(d.room_id !== r.id, `${label(d)} is already in ${r.name}`, "invalid_argument");
      checkNameFree(db, r.id, d.name, d.id);
      return { ...db.devices.update(d.id, { room_id: r.id }), room_name: r.name };
    },
  }),

  get_sensor_reading: read({
    description:
      "What a sensor reports now: temperature (°C), humidity (%), motion, door/window contact, smoke, water leak, power draw (W) and battery, as far as the device measures them. Offline sensors return their last reading marked stale.",
    input: z.object({ device_id: ref("device", "The sensor (or any device that measures something, e.g. a thermostat or a metered plug)") }).strict(),
    run: (db, a) => {
      const d = db.devices.need(a.device_id);
      const caps = SENSOR_CAPS.filter((c) => has(d, c));
      if (caps.length === 0) {
        const near = db.devices.filter((x) => x.room_id === d.room_id && SENSOR_CAPS.some((c) => has(x, c)));
        check(
          false,
          `${label(d)} measures nothing${near.length ? `; sensors in the same room: ${near.map(label).join(", ")}` : "; find sensors with list_devices type=sensor"}`,
          "invalid_argument",
        );
      }
      const s = d.state;
      const pick: Record<string, unknown> = {};
      for (const k of ["temperature_c", "humidity_pct", "motion", "contact", "door", "smoke", "leak", "power_w", "battery_pct"] as const)
        if (s[k] !== undefined) pick[k] = s[k];
      return {
        device_id: d.id,
        name: d.name,
        room_name: roomName(db, d.room_id),
        measures: caps,
        readings: pick,
        online: d.online,
        stale: !d.online,
        as_of: d.last_seen,
      };
    },
  }),

  list_device_events: read({
    description:
      "The home's logbook, newest first: motion, people and packages seen by cameras, doors opening, locks (un)locked, state changes, devices going offline, scenes and automations that ran. Filter by device, room, kind and time range.",
    input: z
      .object({
        device_id: ref("device", "Only events of this device").optional(),
        room_id: ref("room", "Only events of devices in this room").optional(),
        kind: z.enum(EVENT_KINDS).optional().describe("Only events of this kind"),
        since: rangeStart("until", isoInstant("Earliest instant, inclusive")).optional(),
        until: isoInstant("Latest instant, inclusive").optional(),
        ...page,
      })
      .strict(),
    discovers: "device_event",
    run: (db, a) => {
      if (a.device_id) db.devices.need(a.device_id);
      if (a.room_id) db.rooms.need(a.room_id);
      const inRoom = a.room_id ? new Set(db.devices.filter((d) => d.room_id === a.room_id).map((d) => d.id)) : undefined;
      return db.device_events.page(a, {
        where: (e) =>
          (!a.device_id || e.device_id === a.device_id) &&
          (!inRoom || (e.device_id !== undefined && inRoom.has(e.device_id))) &&
          (!a.kind || e.kind === a.kind) &&
          (!a.since || e.at >= a.since) &&
          (!a.until || e.at <= a.until),
        sort: descending("at"),
      });
    },
  }),

  get_home_summary: read({
    description:
      "One-glance overview of the home: alarm mode, lights on, unlocked locks, open doors and windows, thermostats with temperature and setpoints, offline devices and low batteries.",
    input: z.object({}).strict(),
    run: (db) => {
      const all = db.devices.all();
      const brief = (d: Device) => ({ device_id: d.id, name: d.name, room_name: roomName(db, d.room_id) });
      const panel = all.find((d) => d.type === "alarm_panel");
      return {
        rooms: db.rooms.count(),
        devices: all.length,
        alarm_mode: panel?.state.alarm_mode ?? "none",
        lights_on: all.filter((d) => (d.type === "light" || d.type === "switch") && d.state.power === "on").map(brief),
        unlocked: all.filter((d) => d.type === "lock" && d.state.locked === false).map(brief),
        open: all.filter((d) => d.state.contact === "open" || d.state.door === "open").map(brief),
        thermostats: all
          .filter((d) => d.type === "thermostat")
          .map((d) => ({
            ...brief(d),
            hvac_mode: d.state.hvac_mode,
            temperature_c: d.state.temperature_c,
            heat_setpoint_c: d.state.heat_setpoint_c,
            cool_setpoint_c: d.state.cool_setpoint_c,
            hvac_action: d.state.hvac_action,
          })),
        offline: all.filter((d) => !d.online).map((d) => ({ ...brief(d), since: d.last_seen })),
        low_battery: all
          .filter((d) => d.state.battery_pct !== undefined && d.state.battery_pct < 20)
          .map((d) => ({ ...brief(d), battery_pct: d.state.battery_pct })),
      };
    },
  }),
};
