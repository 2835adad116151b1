// Regenerates py/prove_trainer/prove.desc from proto/ (run after changing a .proto: `make proto`).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { descriptorSet } from "../ts/rpc/descriptor.ts";

const out = join(import.meta.dirname, "..", "py", "prove_trainer", "prove.desc");
writeFileSync(out, descriptorSet());
console.log(`wrote ${out}`);
