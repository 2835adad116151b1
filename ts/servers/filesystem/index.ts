import { defineDomain } from "../framework/index.ts";
import { seedFilesystem } from "./seed.ts";
import { tables } from "./state.ts";
import { tools } from "./tools/index.ts";

export default defineDomain({
  name: "filesystem",
  title: "File system",
  description:
    "A virtual Linux file system on the user's laptop, driven through coreutils-like tools (ls, cd, cat, grep, find, cp, mv, rm, chmod, tar…): their home directory with documents, code projects, downloads, pictures and notes, root-owned system areas (/etc, /usr, /var/log), a shared team directory and a sticky /tmp, all with POSIX permissions.",
  tables,
  seed: seedFilesystem,
  tools,
  // Paths are relative to the working directory and each command resolves them with its own message (ls: cannot access …).
  resolve: { node: "in_tool" },
});
