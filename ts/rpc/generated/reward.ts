import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Component as _prove_v1_Component, Component__Output as _prove_v1_Component__Output } from './prove/v1/Component.ts';
import type { ComponentColumn as _prove_v1_ComponentColumn, ComponentColumn__Output as _prove_v1_ComponentColumn__Output } from './prove/v1/ComponentColumn.ts';
import type { RewardClient as _prove_v1_RewardClient, RewardDefinition as _prove_v1_RewardDefinition } from './prove/v1/Reward.ts';
import type { ScoreGroupRequest as _prove_v1_ScoreGroupRequest, ScoreGroupRequest__Output as _prove_v1_ScoreGroupRequest__Output } from './prove/v1/ScoreGroupRequest.ts';
import type { ScoreGroupResponse as _prove_v1_ScoreGroupResponse, ScoreGroupResponse__Output as _prove_v1_ScoreGroupResponse__Output } from './prove/v1/ScoreGroupResponse.ts';
import type { ScoreRequest as _prove_v1_ScoreRequest, ScoreRequest__Output as _prove_v1_ScoreRequest__Output } from './prove/v1/ScoreRequest.ts';
import type { ScoreResult as _prove_v1_ScoreResult, ScoreResult__Output as _prove_v1_ScoreResult__Output } from './prove/v1/ScoreResult.ts';
import type { Status as _prove_v1_Status, Status__Output as _prove_v1_Status__Output } from './prove/v1/Status.ts';

type SubtypeConstructor<Constructor extends typeof grpc.Client, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  prove: {
    v1: {
      Component: MessageTypeDefinition<_prove_v1_Component, _prove_v1_Component__Output>
      ComponentColumn: MessageTypeDefinition<_prove_v1_ComponentColumn, _prove_v1_ComponentColumn__Output>
      Outcome: EnumTypeDefinition
      /**
       * Programmatic rewards. A trajectory is scored against its task either from a live session
       * (its journal, the replies recorded by Step or RecordReplies, and its final state) or from
       * trajectory JSON (offline re-scoring, replayed on a fresh session of the task for "verified").
       * Both give the same score for the same trajectory. Every score names its preset and a hash of
       * its configuration. docs/reward.md defines both presets term by term.
       */
      Reward: SubtypeConstructor<typeof grpc.Client, _prove_v1_RewardClient> & { service: _prove_v1_RewardDefinition }
      ScoreGroupRequest: MessageTypeDefinition<_prove_v1_ScoreGroupRequest, _prove_v1_ScoreGroupRequest__Output>
      ScoreGroupResponse: MessageTypeDefinition<_prove_v1_ScoreGroupResponse, _prove_v1_ScoreGroupResponse__Output>
      ScoreRequest: MessageTypeDefinition<_prove_v1_ScoreRequest, _prove_v1_ScoreRequest__Output>
      ScoreResult: MessageTypeDefinition<_prove_v1_ScoreResult, _prove_v1_ScoreResult__Output>
      Status: MessageTypeDefinition<_prove_v1_Status, _prove_v1_Status__Output>
    }
  }
}

