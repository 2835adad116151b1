/** The alarm and the access codes of locks and the alarm keypad. */
import { check, page, ref, secret, z } from "../../framework/index.ts";
import { has, label, maskCode, mustBeOnline, read, write } from "../state.ts";
import { alarmPanel } from "./controls.ts";

export const MAX_CODES_PER_DEVICE = 10;

const codeParam = (description: string) =>
  secret(
    z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, "an access code has 4 to 8 digits")
      .describe(description),
  );

export const securityTools = {
  arm_security_system: write({
    description:
      "Arm the home's alarm: armed_home (perimeter only, people inside), armed_night or armed_away (everything). Refuses while doors or windows are open unless bypass_open_sensors is true, in which case the open ones are left out. Returns the mode and any bypassed sensors.",
    input: z
      .object({
        mode: z.enum(["armed_home", "armed_away", "armed_night"]).describe("Arming mode"),
        bypass_open_sensors: z.boolean().default(false).describe("Arm anyway, leaving open doors and windows unmonitored"),
      })
      .strict(),
    uses: ["device"],
    run: (db, a, env) => {
      const panel = alarmPanel(db);
      mustBeOnline(panel, env);
      const current = panel.state.alarm_mode ?? "disarmed";
      check(current !== a.mode, `the alarm is already ${a.mode}`, "conflict");
      const open = db.devices.filter((d) => d.online && (d.state.contact === "open" || d.state.door === "open"));
      check(
        open.length === 0 || a.bypass_open_sensors,
        () =>
          `cannot arm ${a.mode}: ${open.length} door(s)/window(s) are open: ${open.map(label).join(", ")}. Close them, or arm with bypass_open_sensors=true to leave them unmonitored`,
      );
      const updated = db.devices.update(panel.id, { state: { ...panel.state, alarm_mode: a.mode }, last_changed: env.now, last_seen: env.now });
      db.device_events.create({
        device_id: panel.id,
        at: env.now,
        kind: "armed",
        message: `Alarm set to ${a.mode}${open.length ? ` (bypassing ${open.map((d) => d.name).join(", ")})` : ""}`,
        source: "assistant",
      });
      return {
        device_id: panel.id,
        alarm_mode: updated.state.alarm_mode,
        previous_mode: current,
        bypassed: open.map((d) => ({ device_id: d.id, name: d.name })),
      };
    },
  }),

  disarm_security_system: write({
    description: "Disarm the home's alarm with one of the keypad's access codes (ask the user). Returns the new mode.",
    input: z.object({ code: codeParam("An access code of the alarm keypad (4-8 digits), from the user") }).strict(),
    uses: ["device", "access_code"],
    run: (db, a, env) => {
      const panel = alarmPanel(db);
      mustBeOnline(panel, env);
      check(panel.state.alarm_mode !== "disarmed", "the alarm is already disarmed", "conflict");
      const match = db.access_codes.find((c) => c.device_id === panel.id && c.code === a.code);
      check(match, `the code does not match any access code of ${label(panel)}; ask the user for the keypad code`, "permission_denied");
      db.access_codes.update(match.id, { last_used_at: env.now });
      db.devices.update(panel.id, { state: { ...panel.state, alarm_mode: "disarmed" }, last_changed: env.now, last_seen: env.now });
      db.device_events.create({ device_id: panel.id, at: env.now, kind: "disarmed", message: `Alarm disarmed with code "${match.name}"`, source: "assistant" });
      return { device_id: panel.id, alarm_mode: "disarmed", previous_mode: panel.state.alarm_mode, code_name: match.name };
    },
  }),

  list_access_codes: read({
    description: "Access codes programmed on the locks and the alarm keypad: who each is for, when it was last used. The digits are masked.",
    input: z.object({ device_id: ref("device", "Only codes of this lock or keypad").optional(), ...page }).strict(),
    discovers: "access_code",
    run: (db, a) => {
      if (a.device_id) db.devices.need(a.device_id);
      const p = db.access_codes.page(a, { where: (c) => !a.device_id || c.device_id === a.device_id });
      return { ...p, items: p.items.map(maskCode) };
    },
  }),

  add_access_code: write({
    description: `Program a new access code on a door lock or the alarm keypad, e.g. for a guest or a cleaner. Codes have 4-8 digits, are unique per device, and a device holds at most ${MAX_CODES_PER_DEVICE}. The device must be online. Returns the code (masked).`,
    input: z
      .object({
        device_id: ref("device", "The door lock or alarm keypad"),
        name: z.string().trim().min(1).max(60).describe("Who the code is for, e.g. 'Guest — Maya'"),
        code: codeParam("The new code, 4-8 digits, chosen by the user"),
      })
      .strict(),
    produces: "access_code",
    run: (db, a, env) => {
      const d = db.devices.need(a.device_id);
      check(
        has(d, "lock") || has(d, "alarm"),
        `${label(d)} is not a lock or an alarm keypad; access codes go on devices of type lock or alarm_panel`,
        "invalid_argument",
      );
      mustBeOnline(d, env);
      const mine = db.access_codes.filter((c) => c.device_id === d.id);
      check(
        mine.length < MAX_CODES_PER_DEVICE,
        `${label(d)} already holds ${mine.length} codes, the most it can store; delete one with delete_access_code first`,
        "limit_exceeded",
      );
      const sameName = mine.find((c) => c.name.toLowerCase() === a.name.toLowerCase());
      check(
        !sameName,
        () => `${label(d)} already has a code named "${sameName?.name}" (${sameName?.id}); choose another name or delete that code`,
        "already_exists",
      );
      check(!mine.some((c) => c.code === a.code), `that code is already programmed on ${label(d)}; choose different digits`, "already_exists");
      const created = db.access_codes.create({ device_id: d.id, name: a.name, code: a.code, created_at: env.now });
      return maskCode(created);
    },
  }),

  delete_access_code: write({
    description:
      "Remove an access code from its lock or keypad (e.g. when a guest leaves). The last code of a device cannot be removed, since it could then no longer be unlocked or disarmed remotely.",
    input: z.object({ access_code_id: ref("access_code", "The code to remove") }).strict(),
    destructive: true,
    run: (db, a) => {
      const c = db.access_codes.need(a.access_code_id);
      const d = db.devices.get(c.device_id);
      const left = db.access_codes.count((x) => x.device_id === c.device_id);
      check(left > 1, `"${c.name}" is the only access code of ${d ? label(d) : c.device_id}; add another code with add_access_code before removing it`);
      db.access_codes.delete(c.id);
      return { removed: c.id, name: c.name, device_id: c.device_id };
    },
  }),
};
