/** Every domain, in the order of the PROVE paper's Table 2. Adding a domain means adding one line here. */
import type { Domain } from "./framework/index.ts";
import banking from "./banking/index.ts";
import budget from "./budget/index.ts";
import calendar from "./calendar/index.ts";
import crm from "./crm/index.ts";
import email from "./email/index.ts";
import filesystem from "./filesystem/index.ts";
import foodDelivery from "./food_delivery/index.ts";
import iotDevices from "./iot_devices/index.ts";
import issueTracker from "./issue_tracker/index.ts";
import maps from "./maps/index.ts";
import payments from "./payments/index.ts";
import marketplace from "./marketplace/index.ts";
import retailChain from "./retail_chain/index.ts";
import shopping from "./shopping/index.ts";
import socialMedia from "./social_media/index.ts";
import teamChat from "./team_chat/index.ts";
import trading from "./trading/index.ts";
import travelBooking from "./travel_booking/index.ts";
import vehicle from "./vehicle/index.ts";
import videoMeeting from "./video_meeting/index.ts";

export const domains: readonly Domain[] = [
  banking,
  trading,
  payments,
  shopping,
  marketplace,
  retailChain,
  filesystem,
  email,
  calendar,
  travelBooking,
  maps,
  socialMedia,
  teamChat,
  iotDevices,
  vehicle,
  crm,
  issueTracker,
  budget,
  foodDelivery,
  videoMeeting,
];
