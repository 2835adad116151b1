/**
 * Smart-home tools, after Home Assistant's and SmartThings' APIs.
 *
 * Rules this hub enforces:
 * - a command needs a device with the matching capability (a light without colour takes no
 *   colour; only dimmers take a brightness, 0-100 %; colour temperature stays within the bulb's
 *   range) and the device online; offline devices refuse and say since when;
 * - thermostat setpoints are 10-32 °C in half degrees; heat and cool mode take one target,
 *   auto mode two, with heat at least 1.5 °C below cool; a thermostat that is off takes no
 *   target; radiator thermostats only heat;
 * - a lock with a door sensor does not lock while its door stands open; unlocking needs one of
 *   the lock's access codes (a secret from the user) and the alarm not armed away;
 * - arming refuses while doors/windows are open unless they are bypassed; disarming needs a
 *   keypad code; access codes are 4-8 digits, unique per device, at most 10, and a device keeps
 *   at least one;
 * - scenes, automations and schedules reference existing devices with states those devices
 *   accept; they may lock but never unlock; scenes list each device once; a scene still used by
 *   an automation or schedule cannot be deleted; automations validate their trigger (the device
 *   reports the attribute, the value is one it takes, numeric bounds are ordered), conditions
 *   and actions; only enabled automations run;
 * - device names are unique per room; room, scene, automation, schedule and group names are
 *   unique; rooms with devices cannot be removed; groups hold 2-20 switchable devices;
 * - energy usage covers at most 31 days, up to yesterday;
 * - schedules and timed automations fire as the clock moves: every writing tool first lets the
 *   hub catch up (hub.ts), so what came due runs before the call, each at its own time.
 */
import type { CallEnv } from "../../framework/index.ts";
import { runDue } from "../hub.ts";
import type { Home } from "../state.ts";
import { automationTools } from "./automations.ts";
import { controlTools } from "./controls.ts";
import { deviceTools } from "./devices.ts";
import { energyTools } from "./energy.ts";
import { sceneTools } from "./scenes.ts";
import { securityTools } from "./security.ts";

const all = { ...deviceTools, ...controlTools, ...securityTools, ...sceneTools, ...automationTools, ...energyTools };

/** Every writing tool first runs what came due on the hub's clock. */
export const tools = Object.fromEntries(
  Object.entries(all).map(([name, t]) => [
    name,
    t.access === "write"
      ? {
          ...t,
          run: (db: Home, a: Parameters<typeof t.run>[1], env: CallEnv) => {
            runDue(db, env);
            return t.run(db, a, env);
          },
        }
      : t,
  ]),
) as typeof all;
