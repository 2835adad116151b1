import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from './prove/v1/Status.ts';

type SubtypeConstructor<Constructor extends typeof grpc.Client, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prove: {
    v1: {
      Outcome: EnumTypeDefinition
      Status: MessageTypeDefinition<_prove_v1_Status, _prove_v1_Status__Output>
    }
  }
}

