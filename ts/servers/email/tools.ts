/** Email tools, by resource: reading and organising messages, composing, labels and filters. */
import { composeTools } from "./tools/compose.ts";
import { labelTools } from "./tools/labels.ts";
import { messageTools } from "./tools/messages.ts";

export const tools = { ...messageTools, ...composeTools, ...labelTools };
