/** Scenes: saved sets of device states, applied together. */
import { check, matchesText, page, ref, refs, z, type CallEnv } from "../../framework/index.ts";
import {
  applyMany,
  checkPatchFor,
  has,
  label,
  read,
  SceneEntry,
  write,
  type Home,
  type Scene,
  type SceneEntry as Entry,
  type StatePatch,
  type Device,
} from "../state.ts";

export const MAX_SCENE_ENTRIES = 40;

/** The settable part of a device's current state, as a scene would restore it. */
export function snapshot(d: Device): StatePatch {
  const s = d.state;
  const p: StatePatch = {};
  if (has(d, "on_off") && s.power) p.power = s.power;
  if (has(d, "brightness") && s.power === "on" && s.brightness !== undefined) p.brightness = s.brightness;
  if (has(d, "color_temperature") && s.power === "on" && s.color_temp_k !== undefined) p.color_temp_k = s.color_temp_k;
  if (has(d, "color") && s.power === "on" && s.color !== undefined) p.color = s.color;
  if (has(d, "position") && s.position !== undefined) p.position = s.position;
  if (has(d, "thermostat")) {
    if (s.hvac_mode) p.hvac_mode = s.hvac_mode;
    if (s.hvac_mode === "heat" || s.hvac_mode === "auto") p.heat_setpoint_c = s.heat_setpoint_c;
    if (s.hvac_mode === "cool" || s.hvac_mode === "auto") p.cool_setpoint_c = s.cool_setpoint_c;
  }
  if (has(d, "lock") && s.locked) p.locked = true;
  if (has(d, "volume") && s.volume !== undefined) p.volume = s.volume;
  if (has(d, "camera") && s.recording !== undefined) p.recording = s.recording;
  return p;
}

/** Activates a scene's entries; offline devices and ones that refuse (a lock whose door is open) are skipped. */
export function runScene(db: Home, scene: Scene, env: CallEnv, source: "assistant" | "automation" | "schedule") {
  const bulk = applyMany(db, scene.entries, env, source === "assistant" ? "scene" : source, `scene "${scene.name}"`);
  db.scenes.update(scene.id, { last_activated_at: env.now });
  db.device_events.create({
    at: env.now,
    kind: "scene_activated",
    message: `Scene "${scene.name}" activated: ${bulk.applied.length} device(s) set${bulk.skipped.length ? `, ${bulk.skipped.length} skipped` : ""}`,
    source: source === "assistant" ? "assistant" : source,
  });
  return bulk;
}

function normalize(p: StatePatch): StatePatch {
  return p.color ? { ...p, color: p.color.toLowerCase() } : p;
}

export const sceneTools = {
  list_scenes: read({
    description: "List saved scenes (e.g. 'Movie Night', 'Good Night') with the device states each one sets, optionally for one room or by name.",
    input: z
      .object({
        room_id: ref("room", "Only scenes of this room").optional(),
        name: z.string().trim().max(60).optional().describe("Part of the scene name"),
        device_id: ref("device", "Only scenes that set this device").optional(),
        ...page,
      })
      .strict(),
    discovers: "scene",
    run: (db, a) =>
      db.scenes.page(a, {
        where: (s) =>
          (!a.room_id || s.room_id === a.room_id) && matchesText(a.name, s.name) && (!a.device_id || s.entries.some((e) => e.device_id === a.device_id)),
      }),
  }),

  create_scene: write({
    description: `Save a scene: a named set of device states applied together by activate_scene. Give explicit entries (device + state to set) and/or snapshot_device_ids to capture those devices' current settings. Each device once; states must suit the device (a light without colour cannot take a colour; brightness 0-100; setpoints 10-32 °C). Scenes may lock doors but never unlock them. At most ${MAX_SCENE_ENTRIES} devices. Returns the scene.`,
    input: z
      .object({
        name: z.string().trim().min(1).max(60).describe("Scene name, unique, e.g. 'Reading Nook'"),
        room_id: ref("room", "The room the scene belongs to, if any").optional(),
        entries: z
          .array(SceneEntry)
          .max(MAX_SCENE_ENTRIES)
          .default([])
          .describe("Devices and the state each gets, e.g. [{device_id, state: {brightness: 40, color_temp_k: 2700}}]"),
        snapshot_device_ids: refs("device", "Devices whose current settings the scene captures").default([]),
      })
      .strict(),
    produces: "scene",
    run: (db, a, env) => {
      const clash = db.scenes.find((s) => s.name.toLowerCase() === a.name.toLowerCase());
      check(!clash, () => `a scene named "${clash?.name}" already exists (${clash?.id}); choose another name or delete it first`, "already_exists");
      if (a.room_id) db.rooms.need(a.room_id);
      const entries: Entry[] = [];
      const seen = new Set<string>();
      const addEntry = (device_id: string, state: StatePatch, where: string) => {
        check(!seen.has(device_id), `device ${device_id} appears twice in the scene; give each device once`, "invalid_argument");
        seen.add(device_id);
        checkPatchFor(db, device_id, state, where);
        entries.push({ device_id, state: normalize(state) });
      };
      a.entries.forEach((e, i) => addEntry(e.device_id, e.state, `entries[${i}]`));
      for (const id of a.snapshot_device_ids) {
        const d = db.devices.need(id);
        const state = snapshot(d);
        check(Object.keys(state).length > 0, `${label(d)} has no settings a scene can restore (it only reports readings)`, "invalid_argument");
        addEntry(id, state, "snapshot");
      }
      check(entries.length > 0, "a scene needs at least one device: give entries or snapshot_device_ids", "invalid_argument");
      check(entries.length <= MAX_SCENE_ENTRIES, `a scene holds at most ${MAX_SCENE_ENTRIES} devices; this one would have ${entries.length}`, "limit_exceeded");
      return db.scenes.create({ name: a.name, ...(a.room_id ? { room_id: a.room_id } : {}), entries, created_at: env.now });
    },
  }),

  activate_scene: write({
    description:
      "Apply a scene now: every device in it takes its saved state. Offline devices (and locks whose door stands open) are skipped and listed; fails only when no device could be set. Returns what was applied and skipped.",
    input: z.object({ scene_id: ref("scene", "The scene to activate") }).strict(),
    run: (db, a, env) => {
      const s = db.scenes.need(a.scene_id);
      const bulk = runScene(db, s, env, "assistant");
      check(
        bulk.applied.length > 0,
        () =>
          `none of the ${s.entries.length} device(s) of scene "${s.name}" could be set: ${bulk.skipped.map((x) => `${x.device_id} (${x.name}) ${x.reason}`).join("; ")}`,
      );
      return { scene_id: s.id, name: s.name, ...bulk };
    },
  }),

  delete_scene: write({
    description: "Delete a saved scene. Scenes still used by an automation or a schedule cannot be deleted until those are changed or deleted.",
    input: z.object({ scene_id: ref("scene", "The scene to delete") }).strict(),
    destructive: true,
    run: (db, a) => {
      const s = db.scenes.need(a.scene_id);
      const autos = db.automations.filter((x) => x.actions.some((act) => act.type === "scene" && act.scene_id === s.id));
      const scheds = db.schedules.filter((x) => x.action.type === "scene" && x.action.scene_id === s.id);
      const users = [...autos.map((x) => `automation ${x.id} ("${x.name}")`), ...scheds.map((x) => `schedule ${x.id} ("${x.name}")`)];
      check(
        users.length === 0,
        () => `scene "${s.name}" is used by ${users.join(", ")}; delete those (delete_automation, delete_device_schedule) before deleting the scene`,
      );
      db.scenes.delete(s.id);
      return { removed: s.id, name: s.name };
    },
  }),
};
