/** Every file-system tool, grouped by what it does. */
import { archiveTools } from "./archive.ts";
import { navTools } from "./nav.ts";
import { readTools } from "./read.ts";
import { writeTools } from "./write.ts";

export const tools = { ...navTools, ...readTools, ...writeTools, ...archiveTools };
