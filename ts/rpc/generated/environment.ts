import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CallResult as _prove_v1_CallResult, CallResult__Output as _prove_v1_CallResult__Output } from './prove/v1/CallResult.ts';
import type { CallToolBatchRequest as _prove_v1_CallToolBatchRequest, CallToolBatchRequest__Output as _prove_v1_CallToolBatchRequest__Output } from './prove/v1/CallToolBatchRequest.ts';
import type { CallToolBatchResponse as _prove_v1_CallToolBatchResponse, CallToolBatchResponse__Output as _prove_v1_CallToolBatchResponse__Output } from './prove/v1/CallToolBatchResponse.ts';
import type { CallToolRequest as _prove_v1_CallToolRequest, CallToolRequest__Output as _prove_v1_CallToolRequest__Output } from './prove/v1/CallToolRequest.ts';
import type { CloseSessionRequest as _prove_v1_CloseSessionRequest, CloseSessionRequest__Output as _prove_v1_CloseSessionRequest__Output } from './prove/v1/CloseSessionRequest.ts';
import type { CloseSessionResponse as _prove_v1_CloseSessionResponse, CloseSessionResponse__Output as _prove_v1_CloseSessionResponse__Output } from './prove/v1/CloseSessionResponse.ts';
import type { CreateSessionRequest as _prove_v1_CreateSessionRequest, CreateSessionRequest__Output as _prove_v1_CreateSessionRequest__Output } from './prove/v1/CreateSessionRequest.ts';
import type { EnvironmentClient as _prove_v1_EnvironmentClient, EnvironmentDefinition as _prove_v1_EnvironmentDefinition } from './prove/v1/Environment.ts';
import type { ForkSessionRequest as _prove_v1_ForkSessionRequest, ForkSessionRequest__Output as _prove_v1_ForkSessionRequest__Output } from './prove/v1/ForkSessionRequest.ts';
import type { ForkSessionResponse as _prove_v1_ForkSessionResponse, ForkSessionResponse__Output as _prove_v1_ForkSessionResponse__Output } from './prove/v1/ForkSessionResponse.ts';
import type { FormatError as _prove_v1_FormatError, FormatError__Output as _prove_v1_FormatError__Output } from './prove/v1/FormatError.ts';
import type { GetJournalRequest as _prove_v1_GetJournalRequest, GetJournalRequest__Output as _prove_v1_GetJournalRequest__Output } from './prove/v1/GetJournalRequest.ts';
import type { GetJournalResponse as _prove_v1_GetJournalResponse, GetJournalResponse__Output as _prove_v1_GetJournalResponse__Output } from './prove/v1/GetJournalResponse.ts';
import type { GetStateRequest as _prove_v1_GetStateRequest, GetStateRequest__Output as _prove_v1_GetStateRequest__Output } from './prove/v1/GetStateRequest.ts';
import type { ListServersRequest as _prove_v1_ListServersRequest, ListServersRequest__Output as _prove_v1_ListServersRequest__Output } from './prove/v1/ListServersRequest.ts';
import type { ListServersResponse as _prove_v1_ListServersResponse, ListServersResponse__Output as _prove_v1_ListServersResponse__Output } from './prove/v1/ListServersResponse.ts';
import type { ListToolsRequest as _prove_v1_ListToolsRequest, ListToolsRequest__Output as _prove_v1_ListToolsRequest__Output } from './prove/v1/ListToolsRequest.ts';
import type { ListToolsResponse as _prove_v1_ListToolsResponse, ListToolsResponse__Output as _prove_v1_ListToolsResponse__Output } from './prove/v1/ListToolsResponse.ts';
import type { ParsedCall as _prove_v1_ParsedCall, ParsedCall__Output as _prove_v1_ParsedCall__Output } from './prove/v1/ParsedCall.ts';
import type { RecordRepliesRequest as _prove_v1_RecordRepliesRequest, RecordRepliesRequest__Output as _prove_v1_RecordRepliesRequest__Output } from './prove/v1/RecordRepliesRequest.ts';
import type { RecordRepliesResponse as _prove_v1_RecordRepliesResponse, RecordRepliesResponse__Output as _prove_v1_RecordRepliesResponse__Output } from './prove/v1/RecordRepliesResponse.ts';
import type { RenewLeasesRequest as _prove_v1_RenewLeasesRequest, RenewLeasesRequest__Output as _prove_v1_RenewLeasesRequest__Output } from './prove/v1/RenewLeasesRequest.ts';
import type { RenewLeasesResponse as _prove_v1_RenewLeasesResponse, RenewLeasesResponse__Output as _prove_v1_RenewLeasesResponse__Output } from './prove/v1/RenewLeasesResponse.ts';
import type { ReplyToRecord as _prove_v1_ReplyToRecord, ReplyToRecord__Output as _prove_v1_ReplyToRecord__Output } from './prove/v1/ReplyToRecord.ts';
import type { ServerInfo as _prove_v1_ServerInfo, ServerInfo__Output as _prove_v1_ServerInfo__Output } from './prove/v1/ServerInfo.ts';
import type { Session as _prove_v1_Session, Session__Output as _prove_v1_Session__Output } from './prove/v1/Session.ts';
import type { StateChange as _prove_v1_StateChange, StateChange__Output as _prove_v1_StateChange__Output } from './prove/v1/StateChange.ts';
import type { StateResponse as _prove_v1_StateResponse, StateResponse__Output as _prove_v1_StateResponse__Output } from './prove/v1/StateResponse.ts';
import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from './prove/v1/Status.ts';
import type { StepBatchRequest as _prove_v1_StepBatchRequest, StepBatchRequest__Output as _prove_v1_StepBatchRequest__Output } from './prove/v1/StepBatchRequest.ts';
import type { StepBatchResponse as _prove_v1_StepBatchResponse, StepBatchResponse__Output as _prove_v1_StepBatchResponse__Output } from './prove/v1/StepBatchResponse.ts';
import type { StepRequest as _prove_v1_StepRequest, StepRequest__Output as _prove_v1_StepRequest__Output } from './prove/v1/StepRequest.ts';
import type { StepResult as _prove_v1_StepResult, StepResult__Output as _prove_v1_StepResult__Output } from './prove/v1/StepResult.ts';
import type { ToolError as _prove_v1_ToolError, ToolError__Output as _prove_v1_ToolError__Output } from './prove/v1/ToolError.ts';
import type { ToolInfo as _prove_v1_ToolInfo, ToolInfo__Output as _prove_v1_ToolInfo__Output } from './prove/v1/ToolInfo.ts';

type SubtypeConstructor<Constructor extends typeof grpc.Client, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prove: {
    v1: {
      CallResult: MessageTypeDefinition<_prove_v1_CallResult, _prove_v1_CallResult__Output>
      CallToolBatchRequest: MessageTypeDefinition<_prove_v1_CallToolBatchRequest, _prove_v1_CallToolBatchRequest__Output>
      CallToolBatchResponse: MessageTypeDefinition<_prove_v1_CallToolBatchResponse, _prove_v1_CallToolBatchResponse__Output>
      CallToolRequest: MessageTypeDefinition<_prove_v1_CallToolRequest, _prove_v1_CallToolRequest__Output>
      CloseSessionRequest: MessageTypeDefinition<_prove_v1_CloseSessionRequest, _prove_v1_CloseSessionRequest__Output>
      CloseSessionResponse: MessageTypeDefinition<_prove_v1_CloseSessionResponse, _prove_v1_CloseSessionResponse__Output>
      CreateSessionRequest: MessageTypeDefinition<_prove_v1_CreateSessionRequest, _prove_v1_CreateSessionRequest__Output>
      /**
       * Stateful tool environments: sessions over one or more domains ("servers"), forks for GRPO
       * groups, tool calls, parsing and execution of raw model output (Step), state and journal.
       * Sessions are leases: any RPC that names a session renews it; idle sessions expire.
       */
      Environment: SubtypeConstructor<typeof grpc.Client, _prove_v1_EnvironmentClient> & { service: _prove_v1_EnvironmentDefinition }
      ForkSessionRequest: MessageTypeDefinition<_prove_v1_ForkSessionRequest, _prove_v1_ForkSessionRequest__Output>
      ForkSessionResponse: MessageTypeDefinition<_prove_v1_ForkSessionResponse, _prove_v1_ForkSessionResponse__Output>
      FormatError: MessageTypeDefinition<_prove_v1_FormatError, _prove_v1_FormatError__Output>
      GetJournalRequest: MessageTypeDefinition<_prove_v1_GetJournalRequest, _prove_v1_GetJournalRequest__Output>
      GetJournalResponse: MessageTypeDefinition<_prove_v1_GetJournalResponse, _prove_v1_GetJournalResponse__Output>
      GetStateRequest: MessageTypeDefinition<_prove_v1_GetStateRequest, _prove_v1_GetStateRequest__Output>
      ListServersRequest: MessageTypeDefinition<_prove_v1_ListServersRequest, _prove_v1_ListServersRequest__Output>
      ListServersResponse: MessageTypeDefinition<_prove_v1_ListServersResponse, _prove_v1_ListServersResponse__Output>
      ListToolsRequest: MessageTypeDefinition<_prove_v1_ListToolsRequest, _prove_v1_ListToolsRequest__Output>
      ListToolsResponse: MessageTypeDefinition<_prove_v1_ListToolsResponse, _prove_v1_ListToolsResponse__Output>
      Outcome: EnumTypeDefinition
      ParsedCall: MessageTypeDefinition<_prove_v1_ParsedCall, _prove_v1_ParsedCall__Output>
      RecordRepliesRequest: MessageTypeDefinition<_prove_v1_RecordRepliesRequest, _prove_v1_RecordRepliesRequest__Output>
      RecordRepliesResponse: MessageTypeDefinition<_prove_v1_RecordRepliesResponse, _prove_v1_RecordRepliesResponse__Output>
      RenewLeasesRequest: MessageTypeDefinition<_prove_v1_RenewLeasesRequest, _prove_v1_RenewLeasesRequest__Output>
      RenewLeasesResponse: MessageTypeDefinition<_prove_v1_RenewLeasesResponse, _prove_v1_RenewLeasesResponse__Output>
      ReplyToRecord: MessageTypeDefinition<_prove_v1_ReplyToRecord, _prove_v1_ReplyToRecord__Output>
      ServerInfo: MessageTypeDefinition<_prove_v1_ServerInfo, _prove_v1_ServerInfo__Output>
      Session: MessageTypeDefinition<_prove_v1_Session, _prove_v1_Session__Output>
      StateChange: MessageTypeDefinition<_prove_v1_StateChange, _prove_v1_StateChange__Output>
      StateResponse: MessageTypeDefinition<_prove_v1_StateResponse, _prove_v1_StateResponse__Output>
      Status: MessageTypeDefinition<_prove_v1_Status, _prove_v1_Status__Output>
      StepBatchRequest: MessageTypeDefinition<_prove_v1_StepBatchRequest, _prove_v1_StepBatchRequest__Output>
      StepBatchResponse: MessageTypeDefinition<_prove_v1_StepBatchResponse, _prove_v1_StepBatchResponse__Output>
      StepRequest: MessageTypeDefinition<_prove_v1_StepRequest, _prove_v1_StepRequest__Output>
      StepResult: MessageTypeDefinition<_prove_v1_StepResult, _prove_v1_StepResult__Output>
      ToolCallFormat: EnumTypeDefinition
      ToolError: MessageTypeDefinition<_prove_v1_ToolError, _prove_v1_ToolError__Output>
      ToolInfo: MessageTypeDefinition<_prove_v1_ToolInfo, _prove_v1_ToolInfo__Output>
    }
  }
}

