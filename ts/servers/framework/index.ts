/** The domain framework: everything a domain file imports. */
export { z } from "zod";
export { defineDomain, toolkit, openAIFunction, TOOL_NAME } from "./domain.ts";
export type { CallEnv, Db, Domain, ParamInfo, SeedContext, Tool, ToolSpec } from "./domain.ts";
export { check, fail, ToolError, TOOL_ERROR_CODES } from "./errors.ts";
export type { ToolErrorCode } from "./errors.ts";
export { distanceKm, joinedByRoad, landmassOf, nearestCity, offset } from "./geo.ts";
export type { LatLon } from "./geo.ts";
export { digitsFrom, fnv1a, hash32, hashUnit } from "./hash.ts";
export { closingInstant, hoursOf, hoursOn, hoursSentence, isOpenAt, nextOpening, OpeningHours } from "./hours.ts";
export { Lru, SEEDS_KEPT } from "./lru.ts";
export { formatMoney, roundMoney } from "./money.ts";
export { portableArgs, portableSchema, PORTABLE_KEYWORDS, strictOpenAIFunction } from "./portable.ts";
export { paginate } from "./pagination.ts";
export { bareAddress, EMAIL_EXAMPLE, emailAddresses, isEmail } from "./email.ts";
export {
  companyName,
  dateOrInstant,
  email,
  emailList,
  isoDate,
  isoInstant,
  money,
  month,
  page,
  pageOf,
  paramMeta,
  personName,
  phone,
  rangeStart,
  ref,
  refs,
  secret,
  text,
  timeOfDay,
} from "./params.ts";
export type { InstantOptions, MoneyOptions, PageArgs, PageOptions } from "./params.ts";
export { Rng } from "./rng.ts";
export { table } from "./table.ts";
export { ascending, closestMatches, descending, editDistance, matchesText, shorten } from "./text.ts";
export type { Entity, EntityOf, Page, Table, TableDef } from "./table.ts";
export * as time from "./time.ts";
export { worldFor, CITIES } from "./world.ts";
export type { Address, City, Company, Person, World } from "./world.ts";
