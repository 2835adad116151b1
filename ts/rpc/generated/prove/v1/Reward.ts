// Original file: proto/prove/v1/reward.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ScoreGroupRequest as _prove_v1_ScoreGroupRequest, ScoreGroupRequest__Output as _prove_v1_ScoreGroupRequest__Output } from '../../prove/v1/ScoreGroupRequest.ts';
import type { ScoreGroupResponse as _prove_v1_ScoreGroupResponse, ScoreGroupResponse__Output as _prove_v1_ScoreGroupResponse__Output } from '../../prove/v1/ScoreGroupResponse.ts';
import type { ScoreRequest as _prove_v1_ScoreRequest, ScoreRequest__Output as _prove_v1_ScoreRequest__Output } from '../../prove/v1/ScoreRequest.ts';
import type { ScoreResult as _prove_v1_ScoreResult, ScoreResult__Output as _prove_v1_ScoreResult__Output } from '../../prove/v1/ScoreResult.ts';

/**
 * Programmatic rewards. A trajectory is scored against its task either from a live session
 * (its journal, the replies recorded by Step or RecordReplies, and its final state) or from
 * trajectory JSON (offline re-scoring, replayed on a fresh session of the task for "verified").
 * Both give the same score for the same trajectory. Every score names its preset and a hash of
 * its configuration. docs/reward.md defines both presets term by term.
 */
export interface RewardClient extends grpc.Client {
  /**
   * Scores one trajectory.
   */
  Score(argument: _prove_v1_ScoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  Score(argument: _prove_v1_ScoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  Score(argument: _prove_v1_ScoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  Score(argument: _prove_v1_ScoreRequest, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  /**
   * Scores one trajectory.
   */
  score(argument: _prove_v1_ScoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  score(argument: _prove_v1_ScoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  score(argument: _prove_v1_ScoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  score(argument: _prove_v1_ScoreRequest, callback: grpc.requestCallback<_prove_v1_ScoreResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Scores a GRPO group (several trajectories of one task) and returns the component table.
   */
  ScoreGroup(argument: _prove_v1_ScoreGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  ScoreGroup(argument: _prove_v1_ScoreGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  ScoreGroup(argument: _prove_v1_ScoreGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  ScoreGroup(argument: _prove_v1_ScoreGroupRequest, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Scores a GRPO group (several trajectories of one task) and returns the component table.
   */
  scoreGroup(argument: _prove_v1_ScoreGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  scoreGroup(argument: _prove_v1_ScoreGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  scoreGroup(argument: _prove_v1_ScoreGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  scoreGroup(argument: _prove_v1_ScoreGroupRequest, callback: grpc.requestCallback<_prove_v1_ScoreGroupResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Programmatic rewards. A trajectory is scored against its task either from a live session
 * (its journal, the replies recorded by Step or RecordReplies, and its final state) or from
 * trajectory JSON (offline re-scoring, replayed on a fresh session of the task for "verified").
 * Both give the same score for the same trajectory. Every score names its preset and a hash of
 * its configuration. docs/reward.md defines both presets term by term.
 */
export interface RewardHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Scores one trajectory.
   */
  Score: grpc.handleUnaryCall<_prove_v1_ScoreRequest__Output, _prove_v1_ScoreResult>;
  
  /**
   * Scores a GRPO group (several trajectories of one task) and returns the component table.
   */
  ScoreGroup: grpc.handleUnaryCall<_prove_v1_ScoreGroupRequest__Output, _prove_v1_ScoreGroupResponse>;
  
}

export interface RewardDefinition extends grpc.ServiceDefinition {
  Score: MethodDefinition<_prove_v1_ScoreRequest, _prove_v1_ScoreResult, _prove_v1_ScoreRequest__Output, _prove_v1_ScoreResult__Output>
  ScoreGroup: MethodDefinition<_prove_v1_ScoreGroupRequest, _prove_v1_ScoreGroupResponse, _prove_v1_ScoreGroupRequest__Output, _prove_v1_ScoreGroupResponse__Output>
}
