/**
 * The protos as a serialized FileDescriptorSet (what `protoc --descriptor_set_out` writes),
 * built from the FileDescriptorProtos proto-loader already holds, dependencies first.
 * The Python client builds its message classes from this file at run time, which works with
 * every protobuf runtime from 4 to 7 (generated stubs do not).
 */
import { loadProto } from "./proto.ts";

export function descriptorSet(): Buffer {
  const { definition } = loadProto();
  const files: Buffer[] = [];
  const seen = new Set<string>();
  for (const entry of Object.values(definition)) {
    for (const file of (entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos ?? []) {
      const key = file.toString("base64");
      if (!seen.has(key)) {
        seen.add(key);
        files.push(file);
      }
    }
  }
  // FileDescriptorSet { repeated FileDescriptorProto file = 1; } — field 1, wire type 2.
  return Buffer.concat(files.flatMap((f) => [Buffer.from([0x0a]), varint(f.length), f]));
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}
