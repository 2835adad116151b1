import { defineDomain } from "../framework/index.ts";
import { seedIotDevices } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";

export default defineDomain({
  name: "iot_devices",
  title: "Smart home",
  description:
    "The user's smart home in a Home Assistant / SmartThings-like hub: rooms with 50-70 devices (lights with brightness, colour temperature and colour, thermostats, door locks with access codes, cameras, blinds, smart plugs with power meters, speakers, sensors for temperature, humidity, motion, doors and windows, smoke and leaks, an alarm keypad), scenes, automations, schedules, device groups, daily energy readings and a logbook of events.",
  tables,
  seed: seedIotDevices,
  tools,
});
