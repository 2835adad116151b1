/**
 * Regenerates ts/rpc/generated/ (the TypeScript types of proto/) with proto-loader's type
 * generator, under the same options the service loads the protos with (`make proto`). A test
 * checks the committed files are current.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { LOADER_OPTIONS, PROTO_FILES, PROTO_ROOT } from "../ts/rpc/proto.ts";

const ROOT = join(import.meta.dirname, "..");
export const GENERATED_DIR = join(ROOT, "ts", "rpc", "generated");

export function generateRpcTypes(outDir: string): void {
  const bin = createRequire(import.meta.url).resolve("@grpc/proto-loader/build/bin/proto-loader-gen-types.js");
  const o = LOADER_OPTIONS;
  const flags = [
    o.keepCase && "--keepCase",
    o.longs === Number && "--longs=Number",
    o.enums === String && "--enums=String",
    o.defaults && "--defaults",
    o.arrays && "--arrays",
    o.objects && "--objects",
    o.oneofs && "--oneofs",
  ].filter((f): f is string => typeof f === "string");
  // Paths relative to the repository, so the "Original file" headers do not depend on where it is checked out.
  const args = [
    bin,
    ...flags,
    "--includeComments",
    "--grpcLib=@grpc/grpc-js",
    "--importFileExtension=.ts",
    "-I",
    relative(ROOT, PROTO_ROOT),
    "-O",
    outDir,
    ...PROTO_FILES,
  ];
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

if (process.argv[1] === import.meta.filename) {
  generateRpcTypes(GENERATED_DIR);
  console.log(`wrote ${GENERATED_DIR}`);
}
