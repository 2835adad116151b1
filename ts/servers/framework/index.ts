/** The domain framework: everything a domain file imports. */
export { z } from "zod";
export { defineDomain, toolkit, openAIFunction, TOOL_NAME } from "./domain.ts";
export type { CallEnv, Db, Domain, ParamInfo, SeedContext, Tool, ToolSpec } from "./domain.ts";
export { check, fail, ToolError, TOOL_ERROR_CODES } from "./errors.ts";
export type { ToolErrorCode } from "./errors.ts";
export { formatMoney, roundMoney } from "./money.ts";
export { paginate } from "./pagination.ts";
export { isoDate, isoInstant, money, page, ref, refs, secret, text, paramMeta } from "./params.ts";
export type { PageArgs } from "./params.ts";
export { Rng } from "./rng.ts";
export { table } from "./table.ts";
export type { Entity, EntityOf, Page, Table, TableDef } from "./table.ts";
export * as time from "./time.ts";
export { worldFor, CITIES } from "./world.ts";
export type { Address, City, Company, Person, World } from "./world.ts";
