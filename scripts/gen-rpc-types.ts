/**
 * Regenerates ts/rpc/generated/ (the TypeScript types of proto/) with proto-loader's type
 * generator, under the same options the service loads the protos with (`make proto`). A test
 * checks the committed files are current.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
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
  narrowClientConstructors(outDir);
}

// The generator types each package file's service constructors with an `any`-constrained helper;
// its only argument is grpc.Client, so the constraint says that instead and ts/rpc has no `any`.
const ANY_CONSTRUCTOR = "type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype>";
const CLIENT_CONSTRUCTOR = "type SubtypeConstructor<Constructor extends typeof grpc.Client, Subtype>";

function narrowClientConstructors(outDir: string): void {
  for (const name of readdirSync(outDir).filter((f) => f.endsWith(".ts"))) {
    const path = join(outDir, name);
    const text = readFileSync(path, "utf8");
    // A generator that stops emitting the helper (or changes it) should be looked at, not skipped.
    if (!text.includes(ANY_CONSTRUCTOR)) throw new Error(`${name}: proto-loader's SubtypeConstructor changed; update scripts/gen-rpc-types.ts`);
    writeFileSync(path, text.replace(ANY_CONSTRUCTOR, CLIENT_CONSTRUCTOR));
  }
}

if (process.argv[1] === import.meta.filename) {
  generateRpcTypes(GENERATED_DIR);
  console.log(`wrote ${GENERATED_DIR}`);
}
