import * as grpc from "@grpc/grpc-js";
import { GrpcReflection } from "grpc-js-reflection-client";
import { service as healthService } from "grpc-health-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProto } from "../../ts/rpc/proto.ts";
import { rpcFor, startTestServer, type TestServer } from "../helpers/rpc.ts";

type Field = { name: string; type: string; label: string; typeName: string };
type Definition = Record<string, { type?: { field: Field[]; oneofDecl?: Array<{ name: string }> }; format?: string } & Record<string, any>>;

const resolve = (def: Definition, name: string) => def[name.replace(/^\./, "")] ?? def[`prove.v1.${name.replace(/^\./, "")}`];

/** A value for every field of a message, recursively, none of them the default. */
function sample(def: Definition, typeName: string, depth = 0): Record<string, unknown> {
  const msg = resolve(def, typeName)?.type;
  if (!msg) throw new Error(`no message ${typeName}`);
  const out: Record<string, unknown> = {};
  msg.field.forEach((f, i) => {
    const one = (): unknown => {
      switch (f.type) {
        case "TYPE_STRING":
          return `${f.name}-${i}`;
        case "TYPE_BOOL":
          return true;
        case "TYPE_INT32":
        case "TYPE_INT64":
          return i + 1;
        case "TYPE_DOUBLE":
          return i + 0.5;
        case "TYPE_ENUM": {
          const values = (resolve(def, f.typeName)!.type as unknown as { value: Array<{ name: string }> }).value;
          return values[values.length - 1]!.name;
        }
        case "TYPE_MESSAGE": {
          return depth < 4 ? sample(def, f.typeName, depth + 1) : {};
        }
        default:
          throw new Error(`field type ${f.type} not covered`);
      }
    };
    out[f.name] = f.label === "LABEL_REPEATED" ? [one(), one()] : one();
    // A proto3 `optional` field is a one-member oneof "_<name>": decoded, it names the member that is set.
    if (msg.oneofDecl?.some((o) => o.name === `_${f.name}`)) out[`_${f.name}`] = f.name;
  });
  return out;
}

describe("wire format", () => {
  it("every request and response message survives a round trip with every field set (snake_case kept)", () => {
    const { definition, services } = loadProto();
    const def = definition as unknown as Definition;
    let checked = 0;
    for (const svc of Object.values(services)) {
      for (const [method, m] of Object.entries(svc.service)) {
        for (const side of ["request", "response"] as const) {
          // proto-loader's method definitions carry their message descriptors.
          const type = (m as unknown as Record<"requestType" | "responseType", unknown>)[side === "request" ? "requestType" : "responseType"];
          const fullName = `prove.v1.${(type as unknown as { type: { name: string } }).type.name}`;
          const value = sample(def, fullName);
          const bytes = (side === "request" ? m.requestSerialize : m.responseSerialize)(value);
          const back = (side === "request" ? m.requestDeserialize : m.responseDeserialize)(bytes);
          expect(back, `${method} ${side} (${fullName})`).toEqual(value);
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * (13 + 2 + 3));
  });
});

describe("standard services", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it("answers gRPC health checks for the server and each service", async () => {
    const Health = grpc.makeGenericClientConstructor(healthService as grpc.ServiceDefinition, "Health");
    const client = new Health(`127.0.0.1:${t.server.port}`, grpc.credentials.createInsecure());
    const check = rpcFor(client as grpc.Client);
    for (const name of ["", "prove.v1.Environment", "prove.v1.Reward", "prove.v1.Tasks"]) {
      expect(await check("check", { service: name })).toEqual({ status: "SERVING" });
    }
    client.close();
  });

  it("serves reflection that a standard reflection client can use to call the service", async () => {
    const reflection = new GrpcReflection(`127.0.0.1:${t.server.port}`, grpc.credentials.createInsecure());
    const services = await reflection.listServices();
    expect(services).toEqual(expect.arrayContaining(["prove.v1.Environment", "prove.v1.Reward", "prove.v1.Tasks"]));
    const methods = (await reflection.listMethods("prove.v1.Environment")).map((m) => m.name);
    expect(methods).toEqual(expect.arrayContaining(["CreateSession", "StepBatch", "CallToolBatch"]));
    // A client built only from the reflected descriptor works.
    const descriptor = await reflection.getDescriptorBySymbol("prove.v1.Environment");
    const pkg = descriptor.getPackageObject({ keepCase: true, enums: String, defaults: true }) as any;
    const client = new pkg.prove.v1.Environment(`127.0.0.1:${t.server.port}`, grpc.credentials.createInsecure());
    const { servers } = await rpcFor(client)("ListServers", {});
    expect(servers[0].name).toBe("banking");
    client.close();
  });
});
