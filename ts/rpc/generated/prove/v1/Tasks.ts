// Original file: proto/prove/v1/tasks.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetTaskRequest as _prove_v1_GetTaskRequest, GetTaskRequest__Output as _prove_v1_GetTaskRequest__Output } from '../../prove/v1/GetTaskRequest.ts';
import type { ListTasksRequest as _prove_v1_ListTasksRequest, ListTasksRequest__Output as _prove_v1_ListTasksRequest__Output } from '../../prove/v1/ListTasksRequest.ts';
import type { ListTasksResponse as _prove_v1_ListTasksResponse, ListTasksResponse__Output as _prove_v1_ListTasksResponse__Output } from '../../prove/v1/ListTasksResponse.ts';
import type { SynthesizeProgress as _prove_v1_SynthesizeProgress, SynthesizeProgress__Output as _prove_v1_SynthesizeProgress__Output } from '../../prove/v1/SynthesizeProgress.ts';
import type { SynthesizeRequest as _prove_v1_SynthesizeRequest, SynthesizeRequest__Output as _prove_v1_SynthesizeRequest__Output } from '../../prove/v1/SynthesizeRequest.ts';
import type { TaskResponse as _prove_v1_TaskResponse, TaskResponse__Output as _prove_v1_TaskResponse__Output } from '../../prove/v1/TaskResponse.ts';

/**
 * Synthesized tasks: list and fetch them, and synthesize new datasets with streamed progress.
 * Datasets live under the service's data directory and are named, never given as host paths.
 */
export interface TasksClient extends grpc.Client {
  GetTask(argument: _prove_v1_GetTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  GetTask(argument: _prove_v1_GetTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  GetTask(argument: _prove_v1_GetTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  GetTask(argument: _prove_v1_GetTaskRequest, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  getTask(argument: _prove_v1_GetTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  getTask(argument: _prove_v1_GetTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  getTask(argument: _prove_v1_GetTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  getTask(argument: _prove_v1_GetTaskRequest, callback: grpc.requestCallback<_prove_v1_TaskResponse__Output>): grpc.ClientUnaryCall;
  
  ListTasks(argument: _prove_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _prove_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _prove_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  ListTasks(argument: _prove_v1_ListTasksRequest, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _prove_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _prove_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _prove_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  listTasks(argument: _prove_v1_ListTasksRequest, callback: grpc.requestCallback<_prove_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Synthesizes a dataset; progress messages stream until one with finished = true.
   */
  Synthesize(argument: _prove_v1_SynthesizeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prove_v1_SynthesizeProgress__Output>;
  Synthesize(argument: _prove_v1_SynthesizeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prove_v1_SynthesizeProgress__Output>;
  /**
   * Synthesizes a dataset; progress messages stream until one with finished = true.
   */
  synthesize(argument: _prove_v1_SynthesizeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_prove_v1_SynthesizeProgress__Output>;
  synthesize(argument: _prove_v1_SynthesizeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_prove_v1_SynthesizeProgress__Output>;
  
}

/**
 * Synthesized tasks: list and fetch them, and synthesize new datasets with streamed progress.
 * Datasets live under the service's data directory and are named, never given as host paths.
 */
export interface TasksHandlers extends grpc.UntypedServiceImplementation {
  GetTask: grpc.handleUnaryCall<_prove_v1_GetTaskRequest__Output, _prove_v1_TaskResponse>;
  
  ListTasks: grpc.handleUnaryCall<_prove_v1_ListTasksRequest__Output, _prove_v1_ListTasksResponse>;
  
  /**
   * Synthesizes a dataset; progress messages stream until one with finished = true.
   */
  Synthesize: grpc.handleServerStreamingCall<_prove_v1_SynthesizeRequest__Output, _prove_v1_SynthesizeProgress>;
  
}

export interface TasksDefinition extends grpc.ServiceDefinition {
  GetTask: MethodDefinition<_prove_v1_GetTaskRequest, _prove_v1_TaskResponse, _prove_v1_GetTaskRequest__Output, _prove_v1_TaskResponse__Output>
  ListTasks: MethodDefinition<_prove_v1_ListTasksRequest, _prove_v1_ListTasksResponse, _prove_v1_ListTasksRequest__Output, _prove_v1_ListTasksResponse__Output>
  Synthesize: MethodDefinition<_prove_v1_SynthesizeRequest, _prove_v1_SynthesizeProgress, _prove_v1_SynthesizeRequest__Output, _prove_v1_SynthesizeProgress__Output>
}
