import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Count as _prove_v1_Count, Count__Output as _prove_v1_Count__Output } from './prove/v1/Count.ts';
import type { GetTaskRequest as _prove_v1_GetTaskRequest, GetTaskRequest__Output as _prove_v1_GetTaskRequest__Output } from './prove/v1/GetTaskRequest.ts';
import type { ListTasksRequest as _prove_v1_ListTasksRequest, ListTasksRequest__Output as _prove_v1_ListTasksRequest__Output } from './prove/v1/ListTasksRequest.ts';
import type { ListTasksResponse as _prove_v1_ListTasksResponse, ListTasksResponse__Output as _prove_v1_ListTasksResponse__Output } from './prove/v1/ListTasksResponse.ts';
import type { SynthesizeProgress as _prove_v1_SynthesizeProgress, SynthesizeProgress__Output as _prove_v1_SynthesizeProgress__Output } from './prove/v1/SynthesizeProgress.ts';
import type { SynthesizeRequest as _prove_v1_SynthesizeRequest, SynthesizeRequest__Output as _prove_v1_SynthesizeRequest__Output } from './prove/v1/SynthesizeRequest.ts';
import type { TaskResponse as _prove_v1_TaskResponse, TaskResponse__Output as _prove_v1_TaskResponse__Output } from './prove/v1/TaskResponse.ts';
import type { TaskSummary as _prove_v1_TaskSummary, TaskSummary__Output as _prove_v1_TaskSummary__Output } from './prove/v1/TaskSummary.ts';
import type { TasksClient as _prove_v1_TasksClient, TasksDefinition as _prove_v1_TasksDefinition } from './prove/v1/Tasks.ts';

type SubtypeConstructor<Constructor extends typeof grpc.Client, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prove: {
    v1: {
      Count: MessageTypeDefinition<_prove_v1_Count, _prove_v1_Count__Output>
      GetTaskRequest: MessageTypeDefinition<_prove_v1_GetTaskRequest, _prove_v1_GetTaskRequest__Output>
      ListTasksRequest: MessageTypeDefinition<_prove_v1_ListTasksRequest, _prove_v1_ListTasksRequest__Output>
      ListTasksResponse: MessageTypeDefinition<_prove_v1_ListTasksResponse, _prove_v1_ListTasksResponse__Output>
      SynthesizeProgress: MessageTypeDefinition<_prove_v1_SynthesizeProgress, _prove_v1_SynthesizeProgress__Output>
      SynthesizeRequest: MessageTypeDefinition<_prove_v1_SynthesizeRequest, _prove_v1_SynthesizeRequest__Output>
      TaskResponse: MessageTypeDefinition<_prove_v1_TaskResponse, _prove_v1_TaskResponse__Output>
      TaskSummary: MessageTypeDefinition<_prove_v1_TaskSummary, _prove_v1_TaskSummary__Output>
      /**
       * Synthesized tasks: list and fetch them, and synthesize new datasets with streamed progress.
       * Datasets live under the service's data directory and are named, never given as host paths.
       */
      Tasks: SubtypeConstructor<typeof grpc.Client, _prove_v1_TasksClient> & { service: _prove_v1_TasksDefinition }
    }
  }
}

