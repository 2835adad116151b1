// Original file: proto/prove/v1/environment.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CallResult as _prove_v1_CallResult, CallResult__Output as _prove_v1_CallResult__Output } from '../../prove/v1/CallResult.ts';
import type { CallToolBatchRequest as _prove_v1_CallToolBatchRequest, CallToolBatchRequest__Output as _prove_v1_CallToolBatchRequest__Output } from '../../prove/v1/CallToolBatchRequest.ts';
import type { CallToolBatchResponse as _prove_v1_CallToolBatchResponse, CallToolBatchResponse__Output as _prove_v1_CallToolBatchResponse__Output } from '../../prove/v1/CallToolBatchResponse.ts';
import type { CallToolRequest as _prove_v1_CallToolRequest, CallToolRequest__Output as _prove_v1_CallToolRequest__Output } from '../../prove/v1/CallToolRequest.ts';
import type { CloseSessionRequest as _prove_v1_CloseSessionRequest, CloseSessionRequest__Output as _prove_v1_CloseSessionRequest__Output } from '../../prove/v1/CloseSessionRequest.ts';
import type { CloseSessionResponse as _prove_v1_CloseSessionResponse, CloseSessionResponse__Output as _prove_v1_CloseSessionResponse__Output } from '../../prove/v1/CloseSessionResponse.ts';
import type { CreateSessionRequest as _prove_v1_CreateSessionRequest, CreateSessionRequest__Output as _prove_v1_CreateSessionRequest__Output } from '../../prove/v1/CreateSessionRequest.ts';
import type { ForkSessionRequest as _prove_v1_ForkSessionRequest, ForkSessionRequest__Output as _prove_v1_ForkSessionRequest__Output } from '../../prove/v1/ForkSessionRequest.ts';
import type { ForkSessionResponse as _prove_v1_ForkSessionResponse, ForkSessionResponse__Output as _prove_v1_ForkSessionResponse__Output } from '../../prove/v1/ForkSessionResponse.ts';
import type { GetJournalRequest as _prove_v1_GetJournalRequest, GetJournalRequest__Output as _prove_v1_GetJournalRequest__Output } from '../../prove/v1/GetJournalRequest.ts';
import type { GetJournalResponse as _prove_v1_GetJournalResponse, GetJournalResponse__Output as _prove_v1_GetJournalResponse__Output } from '../../prove/v1/GetJournalResponse.ts';
import type { GetStateRequest as _prove_v1_GetStateRequest, GetStateRequest__Output as _prove_v1_GetStateRequest__Output } from '../../prove/v1/GetStateRequest.ts';
import type { ListServersRequest as _prove_v1_ListServersRequest, ListServersRequest__Output as _prove_v1_ListServersRequest__Output } from '../../prove/v1/ListServersRequest.ts';
import type { ListServersResponse as _prove_v1_ListServersResponse, ListServersResponse__Output as _prove_v1_ListServersResponse__Output } from '../../prove/v1/ListServersResponse.ts';
import type { ListToolsRequest as _prove_v1_ListToolsRequest, ListToolsRequest__Output as _prove_v1_ListToolsRequest__Output } from '../../prove/v1/ListToolsRequest.ts';
import type { ListToolsResponse as _prove_v1_ListToolsResponse, ListToolsResponse__Output as _prove_v1_ListToolsResponse__Output } from '../../prove/v1/ListToolsResponse.ts';
import type { RecordRepliesRequest as _prove_v1_RecordRepliesRequest, RecordRepliesRequest__Output as _prove_v1_RecordRepliesRequest__Output } from '../../prove/v1/RecordRepliesRequest.ts';
import type { RecordRepliesResponse as _prove_v1_RecordRepliesResponse, RecordRepliesResponse__Output as _prove_v1_RecordRepliesResponse__Output } from '../../prove/v1/RecordRepliesResponse.ts';
import type { RenewLeasesRequest as _prove_v1_RenewLeasesRequest, RenewLeasesRequest__Output as _prove_v1_RenewLeasesRequest__Output } from '../../prove/v1/RenewLeasesRequest.ts';
import type { RenewLeasesResponse as _prove_v1_RenewLeasesResponse, RenewLeasesResponse__Output as _prove_v1_RenewLeasesResponse__Output } from '../../prove/v1/RenewLeasesResponse.ts';
import type { Session as _prove_v1_Session, Session__Output as _prove_v1_Session__Output } from '../../prove/v1/Session.ts';
import type { StateResponse as _prove_v1_StateResponse, StateResponse__Output as _prove_v1_StateResponse__Output } from '../../prove/v1/StateResponse.ts';
import type { StepBatchRequest as _prove_v1_StepBatchRequest, StepBatchRequest__Output as _prove_v1_StepBatchRequest__Output } from '../../prove/v1/StepBatchRequest.ts';
import type { StepBatchResponse as _prove_v1_StepBatchResponse, StepBatchResponse__Output as _prove_v1_StepBatchResponse__Output } from '../../prove/v1/StepBatchResponse.ts';
import type { StepRequest as _prove_v1_StepRequest, StepRequest__Output as _prove_v1_StepRequest__Output } from '../../prove/v1/StepRequest.ts';
import type { StepResult as _prove_v1_StepResult, StepResult__Output as _prove_v1_StepResult__Output } from '../../prove/v1/StepResult.ts';

/**
 * Stateful tool environments: sessions over one or more domains ("servers"), forks for GRPO
 * groups, tool calls, parsing and execution of raw model output (Step), state and journal.
 * Sessions are leases: any RPC that names a session renews it; idle sessions expire.
 */
export interface EnvironmentClient extends grpc.Client {
  /**
   * Runs one tool call. A tool's own failure is an outcome in the result, not an RPC error.
   */
  CallTool(argument: _prove_v1_CallToolRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  CallTool(argument: _prove_v1_CallToolRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  CallTool(argument: _prove_v1_CallToolRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  CallTool(argument: _prove_v1_CallToolRequest, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  /**
   * Runs one tool call. A tool's own failure is an outcome in the result, not an RPC error.
   */
  callTool(argument: _prove_v1_CallToolRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  callTool(argument: _prove_v1_CallToolRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  callTool(argument: _prove_v1_CallToolRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  callTool(argument: _prove_v1_CallToolRequest, callback: grpc.requestCallback<_prove_v1_CallResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Many calls, on one or many sessions, in one RPC (in order).
   */
  CallToolBatch(argument: _prove_v1_CallToolBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  CallToolBatch(argument: _prove_v1_CallToolBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  CallToolBatch(argument: _prove_v1_CallToolBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  CallToolBatch(argument: _prove_v1_CallToolBatchRequest, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Many calls, on one or many sessions, in one RPC (in order).
   */
  callToolBatch(argument: _prove_v1_CallToolBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  callToolBatch(argument: _prove_v1_CallToolBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  callToolBatch(argument: _prove_v1_CallToolBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  callToolBatch(argument: _prove_v1_CallToolBatchRequest, callback: grpc.requestCallback<_prove_v1_CallToolBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Closes sessions; unknown ids are reported, not an error.
   */
  CloseSession(argument: _prove_v1_CloseSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _prove_v1_CloseSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _prove_v1_CloseSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  CloseSession(argument: _prove_v1_CloseSessionRequest, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Closes sessions; unknown ids are reported, not an error.
   */
  closeSession(argument: _prove_v1_CloseSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _prove_v1_CloseSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _prove_v1_CloseSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  closeSession(argument: _prove_v1_CloseSessionRequest, callback: grpc.requestCallback<_prove_v1_CloseSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A new session on some servers and a seed (or from a task of the Tasks service).
   */
  CreateSession(argument: _prove_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _prove_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _prove_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  CreateSession(argument: _prove_v1_CreateSessionRequest, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  /**
   * A new session on some servers and a seed (or from a task of the Tasks service).
   */
  createSession(argument: _prove_v1_CreateSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  createSession(argument: _prove_v1_CreateSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  createSession(argument: _prove_v1_CreateSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  createSession(argument: _prove_v1_CreateSessionRequest, callback: grpc.requestCallback<_prove_v1_Session__Output>): grpc.ClientUnaryCall;
  
  /**
   * `count` sessions that start exactly where a session is now (O(1) each, nothing copied).
   */
  ForkSession(argument: _prove_v1_ForkSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  ForkSession(argument: _prove_v1_ForkSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  ForkSession(argument: _prove_v1_ForkSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  ForkSession(argument: _prove_v1_ForkSessionRequest, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * `count` sessions that start exactly where a session is now (O(1) each, nothing copied).
   */
  forkSession(argument: _prove_v1_ForkSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  forkSession(argument: _prove_v1_ForkSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  forkSession(argument: _prove_v1_ForkSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  forkSession(argument: _prove_v1_ForkSessionRequest, callback: grpc.requestCallback<_prove_v1_ForkSessionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Every call the session made (including those inherited from the session it was forked from).
   */
  GetJournal(argument: _prove_v1_GetJournalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  GetJournal(argument: _prove_v1_GetJournalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  GetJournal(argument: _prove_v1_GetJournalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  GetJournal(argument: _prove_v1_GetJournalRequest, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every call the session made (including those inherited from the session it was forked from).
   */
  getJournal(argument: _prove_v1_GetJournalRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  getJournal(argument: _prove_v1_GetJournalRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  getJournal(argument: _prove_v1_GetJournalRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  getJournal(argument: _prove_v1_GetJournalRequest, callback: grpc.requestCallback<_prove_v1_GetJournalResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The session's state hash, and optionally its canonical JSON.
   */
  GetState(argument: _prove_v1_GetStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  GetState(argument: _prove_v1_GetStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  GetState(argument: _prove_v1_GetStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  GetState(argument: _prove_v1_GetStateRequest, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The session's state hash, and optionally its canonical JSON.
   */
  getState(argument: _prove_v1_GetStateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  getState(argument: _prove_v1_GetStateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  getState(argument: _prove_v1_GetStateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  getState(argument: _prove_v1_GetStateRequest, callback: grpc.requestCallback<_prove_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The domains this service hosts.
   */
  ListServers(argument: _prove_v1_ListServersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  ListServers(argument: _prove_v1_ListServersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  ListServers(argument: _prove_v1_ListServersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  ListServers(argument: _prove_v1_ListServersRequest, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The domains this service hosts.
   */
  listServers(argument: _prove_v1_ListServersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  listServers(argument: _prove_v1_ListServersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  listServers(argument: _prove_v1_ListServersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  listServers(argument: _prove_v1_ListServersRequest, callback: grpc.requestCallback<_prove_v1_ListServersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Tools of some servers, or the tools a session offers, with JSON Schemas.
   */
  ListTools(argument: _prove_v1_ListToolsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  ListTools(argument: _prove_v1_ListToolsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  ListTools(argument: _prove_v1_ListToolsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  ListTools(argument: _prove_v1_ListToolsRequest, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Tools of some servers, or the tools a session offers, with JSON Schemas.
   */
  listTools(argument: _prove_v1_ListToolsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  listTools(argument: _prove_v1_ListToolsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  listTools(argument: _prove_v1_ListToolsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  listTools(argument: _prove_v1_ListToolsRequest, callback: grpc.requestCallback<_prove_v1_ListToolsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Records what the assistant said to the user, by turn, for sessions driven by CallTool (Step
   * records the prose of the output it parses itself). Reward.Score reads these replies exactly
   * as it reads Step's: a session driven by CallTool with turns and recorded replies scores the
   * same as one driven by Step, and as the same trajectory given as JSON.
   */
  RecordReplies(argument: _prove_v1_RecordRepliesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  RecordReplies(argument: _prove_v1_RecordRepliesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  RecordReplies(argument: _prove_v1_RecordRepliesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  RecordReplies(argument: _prove_v1_RecordRepliesRequest, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Records what the assistant said to the user, by turn, for sessions driven by CallTool (Step
   * records the prose of the output it parses itself). Reward.Score reads these replies exactly
   * as it reads Step's: a session driven by CallTool with turns and recorded replies scores the
   * same as one driven by Step, and as the same trajectory given as JSON.
   */
  recordReplies(argument: _prove_v1_RecordRepliesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  recordReplies(argument: _prove_v1_RecordRepliesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  recordReplies(argument: _prove_v1_RecordRepliesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  recordReplies(argument: _prove_v1_RecordRepliesRequest, callback: grpc.requestCallback<_prove_v1_RecordRepliesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Renews the leases of sessions without doing anything else (a trainer's heartbeat).
   */
  RenewLeases(argument: _prove_v1_RenewLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  RenewLeases(argument: _prove_v1_RenewLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  RenewLeases(argument: _prove_v1_RenewLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  RenewLeases(argument: _prove_v1_RenewLeasesRequest, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Renews the leases of sessions without doing anything else (a trainer's heartbeat).
   */
  renewLeases(argument: _prove_v1_RenewLeasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  renewLeases(argument: _prove_v1_RenewLeasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  renewLeases(argument: _prove_v1_RenewLeasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  renewLeases(argument: _prove_v1_RenewLeasesRequest, callback: grpc.requestCallback<_prove_v1_RenewLeasesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Parses a model's raw output in a chat format, runs its tool calls, returns tool messages.
   */
  Step(argument: _prove_v1_StepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  Step(argument: _prove_v1_StepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  Step(argument: _prove_v1_StepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  Step(argument: _prove_v1_StepRequest, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  /**
   * Parses a model's raw output in a chat format, runs its tool calls, returns tool messages.
   */
  step(argument: _prove_v1_StepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  step(argument: _prove_v1_StepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  step(argument: _prove_v1_StepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  step(argument: _prove_v1_StepRequest, callback: grpc.requestCallback<_prove_v1_StepResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Many Steps (a whole GRPO group's turn) in one RPC; items run in order.
   */
  StepBatch(argument: _prove_v1_StepBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  StepBatch(argument: _prove_v1_StepBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  StepBatch(argument: _prove_v1_StepBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  StepBatch(argument: _prove_v1_StepBatchRequest, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Many Steps (a whole GRPO group's turn) in one RPC; items run in order.
   */
  stepBatch(argument: _prove_v1_StepBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  stepBatch(argument: _prove_v1_StepBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  stepBatch(argument: _prove_v1_StepBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  stepBatch(argument: _prove_v1_StepBatchRequest, callback: grpc.requestCallback<_prove_v1_StepBatchResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Stateful tool environments: sessions over one or more domains ("servers"), forks for GRPO
 * groups, tool calls, parsing and execution of raw model output (Step), state and journal.
 * Sessions are leases: any RPC that names a session renews it; idle sessions expire.
 */
export interface EnvironmentHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Runs one tool call. A tool's own failure is an outcome in the result, not an RPC error.
   */
  CallTool: grpc.handleUnaryCall<_prove_v1_CallToolRequest__Output, _prove_v1_CallResult>;
  
  /**
   * Many calls, on one or many sessions, in one RPC (in order).
   */
  CallToolBatch: grpc.handleUnaryCall<_prove_v1_CallToolBatchRequest__Output, _prove_v1_CallToolBatchResponse>;
  
  /**
   * Closes sessions; unknown ids are reported, not an error.
   */
  CloseSession: grpc.handleUnaryCall<_prove_v1_CloseSessionRequest__Output, _prove_v1_CloseSessionResponse>;
  
  /**
   * A new session on some servers and a seed (or from a task of the Tasks service).
   */
  CreateSession: grpc.handleUnaryCall<_prove_v1_CreateSessionRequest__Output, _prove_v1_Session>;
  
  /**
   * `count` sessions that start exactly where a session is now (O(1) each, nothing copied).
   */
  ForkSession: grpc.handleUnaryCall<_prove_v1_ForkSessionRequest__Output, _prove_v1_ForkSessionResponse>;
  
  /**
   * Every call the session made (including those inherited from the session it was forked from).
   */
  GetJournal: grpc.handleUnaryCall<_prove_v1_GetJournalRequest__Output, _prove_v1_GetJournalResponse>;
  
  /**
   * The session's state hash, and optionally its canonical JSON.
   */
  GetState: grpc.handleUnaryCall<_prove_v1_GetStateRequest__Output, _prove_v1_StateResponse>;
  
  /**
   * The domains this service hosts.
   */
  ListServers: grpc.handleUnaryCall<_prove_v1_ListServersRequest__Output, _prove_v1_ListServersResponse>;
  
  /**
   * Tools of some servers, or the tools a session offers, with JSON Schemas.
   */
  ListTools: grpc.handleUnaryCall<_prove_v1_ListToolsRequest__Output, _prove_v1_ListToolsResponse>;
  
  /**
   * Records what the assistant said to the user, by turn, for sessions driven by CallTool (Step
   * records the prose of the output it parses itself). Reward.Score reads these replies exactly
   * as it reads Step's: a session driven by CallTool with turns and recorded replies scores the
   * same as one driven by Step, and as the same trajectory given as JSON.
   */
  RecordReplies: grpc.handleUnaryCall<_prove_v1_RecordRepliesRequest__Output, _prove_v1_RecordRepliesResponse>;
  
  /**
   * Renews the leases of sessions without doing anything else (a trainer's heartbeat).
   */
  RenewLeases: grpc.handleUnaryCall<_prove_v1_RenewLeasesRequest__Output, _prove_v1_RenewLeasesResponse>;
  
  /**
   * Parses a model's raw output in a chat format, runs its tool calls, returns tool messages.
   */
  Step: grpc.handleUnaryCall<_prove_v1_StepRequest__Output, _prove_v1_StepResult>;
  
  /**
   * Many Steps (a whole GRPO group's turn) in one RPC; items run in order.
   */
  StepBatch: grpc.handleUnaryCall<_prove_v1_StepBatchRequest__Output, _prove_v1_StepBatchResponse>;
  
}

export interface EnvironmentDefinition extends grpc.ServiceDefinition {
  CallTool: MethodDefinition<_prove_v1_CallToolRequest, _prove_v1_CallResult, _prove_v1_CallToolRequest__Output, _prove_v1_CallResult__Output>
  CallToolBatch: MethodDefinition<_prove_v1_CallToolBatchRequest, _prove_v1_CallToolBatchResponse, _prove_v1_CallToolBatchRequest__Output, _prove_v1_CallToolBatchResponse__Output>
  CloseSession: MethodDefinition<_prove_v1_CloseSessionRequest, _prove_v1_CloseSessionResponse, _prove_v1_CloseSessionRequest__Output, _prove_v1_CloseSessionResponse__Output>
  CreateSession: MethodDefinition<_prove_v1_CreateSessionRequest, _prove_v1_Session, _prove_v1_CreateSessionRequest__Output, _prove_v1_Session__Output>
  ForkSession: MethodDefinition<_prove_v1_ForkSessionRequest, _prove_v1_ForkSessionResponse, _prove_v1_ForkSessionRequest__Output, _prove_v1_ForkSessionResponse__Output>
  GetJournal: MethodDefinition<_prove_v1_GetJournalRequest, _prove_v1_GetJournalResponse, _prove_v1_GetJournalRequest__Output, _prove_v1_GetJournalResponse__Output>
  GetState: MethodDefinition<_prove_v1_GetStateRequest, _prove_v1_StateResponse, _prove_v1_GetStateRequest__Output, _prove_v1_StateResponse__Output>
  ListServers: MethodDefinition<_prove_v1_ListServersRequest, _prove_v1_ListServersResponse, _prove_v1_ListServersRequest__Output, _prove_v1_ListServersResponse__Output>
  ListTools: MethodDefinition<_prove_v1_ListToolsRequest, _prove_v1_ListToolsResponse, _prove_v1_ListToolsRequest__Output, _prove_v1_ListToolsResponse__Output>
  RecordReplies: MethodDefinition<_prove_v1_RecordRepliesRequest, _prove_v1_RecordRepliesResponse, _prove_v1_RecordRepliesRequest__Output, _prove_v1_RecordRepliesResponse__Output>
  RenewLeases: MethodDefinition<_prove_v1_RenewLeasesRequest, _prove_v1_RenewLeasesResponse, _prove_v1_RenewLeasesRequest__Output, _prove_v1_RenewLeasesResponse__Output>
  Step: MethodDefinition<_prove_v1_StepRequest, _prove_v1_StepResult, _prove_v1_StepRequest__Output, _prove_v1_StepResult__Output>
  StepBatch: MethodDefinition<_prove_v1_StepBatchRequest, _prove_v1_StepBatchResponse, _prove_v1_StepBatchRequest__Output, _prove_v1_StepBatchResponse__Output>
}
