/**
 * Vehicle tools, after a car maker's fleet / vehicle-command API (Tesla Fleet API style).
 *
 * Rules this car enforces (actions gated by mode):
 * - an asleep vehicle takes no command until wake_vehicle; commands without vehicle_id go to
 *   the selected vehicle;
 * - doors unlock and the trunk/frunk open only at 5 km/h or less (the message gives the speed);
 * - the engine (power) switches on with doors open — like a real car — but shifting out of park
 *   needs the power on, the brake pressed, every door, the trunk and the frunk closed and the
 *   charge cable unplugged; into park, and between drive and reverse, only at 0 km/h; the
 *   engine cannot be switched off while moving;
 * - charging needs the cable plugged in, the car in park and the battery below the limit; the
 *   charge limit is 50-100 % and lowering it below the level reached ends the session;
 * - climate targets are 16-28 °C in half degrees; climate needs 10 % battery unless plugged in;
 *   remote seat heating needs climate on; rear seat heaters exist only above the Standard trim;
 *   the fan runs 1-10 only with climate on;
 * - windows take positions 0-100; headlights stay on or auto while moving; fog lights need the
 *   headlights; horn and light flashes work only while parked; the frunk closes only by hand;
 * - navigation needs a known destination reachable by road (unknown names fail with the
 *   closest matches; ambiguous ones list the candidates); a destination being navigated to
 *   cannot be deleted; saved destination names are unique;
 * - service reminders complete once, not in the future, and schedule their next occurrence.
 */
import { chargingTools } from "./charging.ts";
import { climateTools } from "./climate.ts";
import { navigationTools } from "./navigation.ts";
import { serviceTools } from "./service.ts";
import { vehicleTools } from "./vehicles.ts";

export const tools = { ...vehicleTools, ...climateTools, ...chargingTools, ...navigationTools, ...serviceTools };
