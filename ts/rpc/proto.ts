/** The PROVE protos, loaded once. keepCase: field names stay snake_case, exactly as in proto/. */
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

export const PROTO_ROOT = join(import.meta.dirname, "..", "..", "proto");
export const PROTO_FILES = ["prove/v1/common.proto", "prove/v1/environment.proto", "prove/v1/reward.proto", "prove/v1/tasks.proto"];

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: { definition: protoLoader.PackageDefinition; services: Record<"Environment" | "Reward" | "Tasks", grpc.ServiceClientConstructor> } | undefined;

export function loadProto() {
  if (!cached) {
    const definition = protoLoader.loadSync(PROTO_FILES, LOADER_OPTIONS);
    const pkg = (grpc.loadPackageDefinition(definition).prove as grpc.GrpcObject).v1 as grpc.GrpcObject;
    cached = {
      definition,
      services: {
        Environment: pkg.Environment as grpc.ServiceClientConstructor,
        Reward: pkg.Reward as grpc.ServiceClientConstructor,
        Tasks: pkg.Tasks as grpc.ServiceClientConstructor,
      },
    };
  }
  return cached;
}
