"""Typed Python client for the PROVE services (Environment, Reward, Tasks).

This is how our trainer reaches the environments, and the supported way for any other Python
trainer (TRL, verl, a hand-written loop) to use them::

    from prove_trainer.client import ProveClient

    with ProveClient("127.0.0.1:50051") as prove:
        root = prove.env.create_session(["banking"], seed="7")
        group = prove.env.fork(root.session_id, 16)          # a GRPO group, O(1) each
        results = prove.env.step_batch([(s.session_id, model_output, "hermes") for s in group])

Shards: given several targets (``ProveClient("127.0.0.1:50051,127.0.0.1:50052")``, the list
``prove serve --shards N`` prints), each call on a session goes to the shard its id names
(routing.py), learned from each target's ListServers on first use; new sessions and calls any
shard can answer go round-robin; batches are split by shard, sent at once and merged back in
request order. A session id on no known shard is NOT_FOUND, as a service answers an unknown one.

Every call returns frozen dataclasses (defined below), never plain dicts. JSON values (arguments,
results, states) cross the wire as strings and are decoded here, item by item: in a batch, one item that cannot be decoded is that item's error, never the batch's.
A call's and a step's record decode their JSON and change lists when first read (``_Decoded``):
a rollout reads a step's outcome and tool messages, rarely each call's result. (A value that is
not JSON, which the service never sends, raises where it is read.)

Retries: a call refused at the service's load or session limit (RESOURCE_EXHAUSTED with a retry
hint: nothing ran) is retried after the hint. Steps and tool calls carry idempotency keys
(generated unless given), so they are also retried after a lost reply (DEADLINE_EXCEEDED,
UNAVAILABLE) without running anything twice, and batch items that did not fit in a reply are sent
again. ``retries`` bounds how often (default 2).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable, ClassVar, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import grpc

from . import _wire
from .routing import RoundRobin, merge_by_position, shard_of, split_by_shard, unknown_session

FORMATS = {"openai": "TOOL_CALL_FORMAT_OPENAI", "hermes": "TOOL_CALL_FORMAT_HERMES", "granite": "TOOL_CALL_FORMAT_GRANITE"}


class ProveError(Exception):
    """An RPC failed. ``code`` is the gRPC status; ``retry_after_ms`` is set when waiting helps (the
    service's load or session limit). FAILED_PRECONDITION (a session's call budget used up) is
    not retryable: start a new session."""

    def __init__(self, code: grpc.StatusCode, details: str, retry_after_ms: Optional[int] = None):
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.retry_after_ms = retry_after_ms

    @property
    def retryable(self) -> bool:
        """True when the same request may succeed later (nothing it asked for ran)."""
        return self.code == grpc.StatusCode.RESOURCE_EXHAUSTED and self.retry_after_ms is not None


class ServiceUnavailable(ProveError):
    """The service could not be reached (not started, wrong address, or shutting down)."""


_OUTCOMES: Dict[int, str] = {}


def _outcome(number: int) -> str:
    """OUTCOME_TOOL_ERROR -> "tool_error" (the same names as the TypeScript journal); looked up once per value."""
    name = _OUTCOMES.get(number)
    if name is None:
        name = _OUTCOMES[number] = _wire.enum_name("Outcome", number).replace("OUTCOME_", "").lower()
    return name


_decode_json = json.JSONDecoder().decode  # json.loads without its per-call type checks


def _json(text: str, default: Any = None) -> Any:
    return _decode_json(text) if text else default


#: Status codes of a reply that was lost (the request may or may not have run): safe to resend with idempotency keys.
_LOST = (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE)
#: An item's status meaning "did not run for lack of room in the reply: send it again".
_RESEND = grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
#: An item's status when its reply could not be decoded here.
_UNDECODABLE = grpc.StatusCode.DATA_LOSS.value[0]
#: An item's status when its session is on no shard the client knows (as a service answers an unknown session).
_NOT_FOUND = grpc.StatusCode.NOT_FOUND.value[0]


class _Decoded:
    """Base of the records a hot path decodes (a step's, a call's). Built from a reply by
    ``_decoded``, one keeps its message and decodes the fields its class names in ``_lazy`` when
    first read, once: a trainer's step decoded every call's arguments, result and changes, which
    it never reads, at 25 of the 48 us a write step cost the client (bench/NOTES.md, section 13).
    Built by hand (with values), it is a plain frozen dataclass; either way equality, repr and
    ``dataclasses.replace`` read every field."""

    #: Field name -> how to decode it from the kept message.
    _lazy: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}

    def __getattr__(self, name: str) -> Any:  # only called for an attribute not yet in __dict__
        decode = type(self)._lazy.get(name)
        wire = self.__dict__.get("_wire")
        if decode is None or wire is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = self.__dict__[name] = decode(wire)
        return value

    def __getstate__(self) -> Dict[str, Any]:
        # A copy or a pickle holds the values, not the message: the message classes made from
        # the descriptor pool do not pickle.
        for name in type(self)._lazy:
            getattr(self, name)
        return {k: v for k, v in self.__dict__.items() if k != "_wire"}


def _decoded(cls: Any, wire: Any, **fields: Any) -> Any:
    """An instance of a frozen dataclass with ``fields`` set and the rest decoded from ``wire`` on
    first read. Skips the frozen ``__init__`` (one ``object.__setattr__`` per field)."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    obj.__dict__["_wire"] = wire
    return obj


@dataclass(frozen=True)
class Status:
    code: int
    message: str

    @property
    def ok(self) -> bool:
        return self.code == 0


@dataclass(frozen=True)
class ServerInfo:
    name: str
    title: str
    description: str
    tool_count: int
    read_tools: int
    write_tools: int
    entity_kinds: List[str]


@dataclass(frozen=True)
class ServiceLoad:
    """How many sessions the service holds now, and how many it allows."""

    open_sessions: int
    max_sessions: int


@dataclass(frozen=True)
class ShardLoad:
    """One shard's name, address and load."""

    shard: str
    target: str
    open_sessions: int
    max_sessions: int


@dataclass(frozen=True)
class ToolInfo:
    name: str
    server: str
    description: str
    input_schema: Dict[str, Any]
    read_only: bool
    destructive: bool
    produces: str
    discovers: List[str]
    sensitive_params: List[str]
    #: The arguments in the portable, strict-mode form (every property required, optional ones nullable).
    portable_schema: Dict[str, Any]


@dataclass(frozen=True)
class ToolList:
    tools: List[ToolInfo]
    #: The tools in the OpenAI function-calling format, ready for ``apply_chat_template(tools=...)``.
    openai_tools: List[Dict[str, Any]]
    #: The same with ``"strict": true`` and the portable schemas.
    openai_strict_tools: List[Dict[str, Any]]


@dataclass(frozen=True)
class Session:
    session_id: str
    servers: List[str]
    seed: str
    tools: List[str]
    state_hash: str
    parent_id: str
    calls: int
    task_id: str


@dataclass(frozen=True)
class ToolError:
    code: str
    message: str


@dataclass(frozen=True)
class StateChange:
    path: str
    op: str


@dataclass(frozen=True)
class CallResult(_Decoded):
    index: int
    tool: str
    arguments: Any
    outcome: str
    result: Any
    error: Optional[ToolError]
    changes: List[StateChange]
    clock: str
    session_id: str
    status: Status

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass(frozen=True)
class ParsedCall(_Decoded):
    id: str
    name: str
    arguments: Dict[str, Any]
    result: CallResult


@dataclass(frozen=True)
class FormatError:
    message: str
    fragment: str


@dataclass(frozen=True)
class StepResult(_Decoded):
    session_id: str
    calls: List[ParsedCall]
    format_errors: List[FormatError]
    reply_text: str
    #: Tool results as chat messages of the format, to append to the conversation.
    tool_messages: List[Dict[str, Any]]
    #: The same results as raw prompt text in the format's template.
    rendered: str
    outcome: str
    state_hash: str
    status: Status


@dataclass(frozen=True)
class State:
    session_id: str
    state_hash: str
    #: The canonical state, when ``include_state`` was asked for; None otherwise.
    state: Optional[Dict[str, Any]]
    clock: str
    calls: int


@dataclass(frozen=True)
class LeaseRenewal:
    """Sessions whose leases were renewed, and ids that are unknown or expired."""

    renewed: List[str]
    missing: List[str]


@dataclass(frozen=True)
class SessionsClosed:
    """How many sessions were closed, and ids that were unknown (already closed or expired)."""

    closed: int
    missing: List[str]


@dataclass(frozen=True)
class Score:
    """One trajectory's reward, its weighted components and why it has the outcome it has."""

    reward: float
    #: Component values by name (r_val, r_cov, …; ``verified`` adds r_state, r_answer, r_goal).
    components: Dict[str, float]
    #: The weight of each component in ``reward``.
    weights: Dict[str, float]
    preset: str
    #: Hash of the preset's full configuration: a number can always be traced to its rule.
    config_hash: str
    #: "ok", "masked" (an environment-side failure: leave it out of the loss) or "unscorable".
    outcome: str
    #: Per-turn and per-call breakdown (None when the trajectory could not be scored).
    detail: Optional[Dict[str, Any]]
    #: For group items: OK, or why this trajectory could not be scored.
    status: Status
    #: Why the outcome is "unscorable" (a session of another task, a turn the task lacks…); "" otherwise.
    reason: str


@dataclass(frozen=True)
class GroupScore:
    """A GRPO group's scores, in request order, and the same numbers by component."""

    scores: List[Score]
    #: "reward" and each component → one value per trajectory (NaN where it has none).
    table: Dict[str, List[float]]
    #: Mean and standard deviation of the rewards of the scored, unmasked trajectories.
    mean: float
    std: float


@dataclass(frozen=True)
class TaskSummary:
    id: str
    domains: List[str]
    #: "conversation", "clarification" or "abstention".
    kind: str
    #: User turns and ground-truth calls.
    turns: int
    steps: int
    #: "complete", "missing_required" or "minimal".
    info_level: str
    tags: List[str]


@dataclass(frozen=True)
class TaskPage:
    tasks: List[TaskSummary]
    #: Tasks matching the filters, over all pages.
    total: int
    #: Offset of the next page; -1 when this was the last.
    next_offset: int


@dataclass(frozen=True)
class TaskRecord:
    #: The task as in tasks.jsonl.
    task: Dict[str, Any]
    #: The same task as a chat-format record (``{"messages": [...], "tools": [...]}``).
    chat: Dict[str, Any]


@dataclass(frozen=True)
class SynthesisProgress:
    #: "graph", "sampling", "synthesis", "validation", "writing" or "done".
    stage: str
    done: int
    total: int
    #: Tasks kept so far.
    kept: int
    #: Candidates dropped so far, by filter name.
    dropped: Dict[str, int]
    message: str
    #: Set on the last message, which also carries ``stats`` and ``dataset``.
    finished: bool
    stats: Optional[Dict[str, Any]]
    dataset: str


def _code(number: int) -> grpc.StatusCode:
    """The grpc.StatusCode of a numeric status code (UNKNOWN for one grpc does not name)."""
    return next((c for c in grpc.StatusCode if c.value[0] == number), grpc.StatusCode.UNKNOWN)


def _status(msg: Any) -> Status:
    status = msg.status
    return Status(status.code, status.message) if status.code else _OK


_OK = Status(0, "")


def _arguments(m: Any) -> Any:
    try:
        return _json(m.arguments_json, {})
    except (ValueError, RecursionError):  # a parse error keeps the model's raw fragment
        return m.arguments_json


CallResult._lazy = {
    "arguments": _arguments,
    "result": lambda m: _json(m.result_json),
    "error": lambda m: ToolError(m.error.code, m.error.message) if m.HasField("error") else None,
    "changes": lambda m: [StateChange(c.path, c.op) for c in m.changes],
}


def _call_result(m: Any) -> CallResult:
    return _decoded(CallResult, m, index=m.index, tool=m.tool, outcome=_outcome(m.outcome), clock=m.clock, session_id=m.session_id, status=_status(m))


def _session(m: Any) -> Session:
    return Session(m.session_id, list(m.servers), m.seed, list(m.tools), m.state_hash, m.parent_id, m.calls, m.task_id)


def _fork_copies(reply: Any) -> List[Session]:
    """The copies a ForkSession reply names: expanded from a compact reply, or as listed by a
    service from before compact forks, which sends a full record per copy."""
    if not reply.HasField("shared"):
        return [_session(s) for s in reply.sessions]
    shared = _session(reply.shared)
    return [replace(shared, session_id=i) for i in reply.session_ids]


def _undecodable_step(session_id: str, err: Exception) -> StepResult:
    return StepResult(
        session_id,
        [],
        [],
        "",
        [],
        "",
        "rejected",
        "",
        Status(_UNDECODABLE, f"the reply for this item could not be decoded ({type(err).__name__}: {err}); it may have run"),
    )


def _unrouted_step(session_id: str, known: List[str]) -> StepResult:
    return StepResult(session_id, [], [], "", [], "", "rejected", "", Status(_NOT_FOUND, unknown_session(session_id, known)))


def _unrouted_call(session_id: str, tool: str, known: List[str]) -> CallResult:
    return CallResult(-1, tool, None, "rejected", None, None, [], "", session_id, Status(_NOT_FOUND, unknown_session(session_id, known)))


def _undecodable_call(session_id: str, tool: str, err: Exception) -> CallResult:
    return CallResult(
        -1,
        tool,
        None,
        "rejected",
        None,
        None,
        [],
        "",
        session_id,
        Status(_UNDECODABLE, f"the reply for this item could not be decoded ({type(err).__name__}: {err}); it may have run"),
    )


def _decode_items(
    data: bytes, message: str, decode: Callable[[Any], Any], fallback: Callable[[int, Exception], Any], field: int = 1
) -> Tuple[List[Any], bytes]:
    """Decodes the items of a batch reply one by one; an item that fails becomes ``fallback(i, error)``."""
    raw, rest = _wire.split_repeated(data, field)
    cls = _wire.message(message)
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(decode(cls.FromString(item)))
        except Exception as err:  # noqa: BLE001 - any failure is this item's alone
            out.append(fallback(i, err))
    return out, rest


def _call_arguments(wire: Tuple[Any, CallResult]) -> Any:
    c, result = wire
    # The record's arguments are the same text as the call's (the usual case): decoded once, shared.
    return result.arguments if c.result.arguments_json == c.arguments_json else _json(c.arguments_json, {})


ParsedCall._lazy = {"arguments": _call_arguments}


def _parsed_call(c: Any) -> ParsedCall:
    result = _call_result(c.result)
    return _decoded(ParsedCall, (c, result), id=c.id, name=c.name, result=result)


StepResult._lazy = {
    "format_errors": lambda m: [FormatError(e.message, e.fragment) for e in m.format_errors],
    "tool_messages": lambda m: _json(m.tool_messages_json, []),
}


def _step_result(m: Any) -> StepResult:
    return _decoded(
        StepResult,
        m,
        session_id=m.session_id,
        calls=[_parsed_call(c) for c in m.calls],
        reply_text=m.reply_text,
        rendered=m.rendered,
        outcome=_outcome(m.outcome),
        state_hash=m.state_hash,
        status=_status(m),
    )


class _Service:
    def __init__(self, client: "ProveClient", service: str):
        self._client = client
        self._service = service
        self._stubs: Dict[str, Any] = {}

    def _stub(self, name: str, raw: bool = False, at: int = 0) -> Tuple[Any, Any]:
        """The stub of ``name`` on target ``at`` (the client's ``targets[at]``)."""
        key = f"{name}/raw@{at}" if raw else f"{name}@{at}"
        if key not in self._stubs:
            m = _wire.method(self._service, name)
            channel = self._client.channels[at]
            make = channel.unary_stream if m["streaming"] else channel.unary_unary
            # A raw stub hands back the reply's bytes, for replies decoded item by item.
            self._stubs[key] = (
                make(m["path"], request_serializer=_wire.serialize, response_deserializer=None if raw else m["response"].FromString),
                m["request"],
            )
        return self._stubs[key]

    def _call(self, name: str, timeout: Optional[float] = None, keyed: bool = False, raw: bool = False, at: int = 0, **fields: Any) -> Any:
        """One RPC to target ``at``, retried (up to the client's ``retries``) when that is safe: after
        a load or session limit's retry hint (nothing ran), and, for requests whose items all carry
        idempotency keys (``keyed``), after a lost reply."""
        stub, request = self._stub(name, raw, at)
        message = request(**fields)
        for attempt in range(self._client.retries + 1):
            try:
                return stub(message, timeout=timeout or self._client.timeout, metadata=self._client.metadata)
            except grpc.RpcError as err:
                error = self._client._translate(err, at)
                last = attempt == self._client.retries
                if not last and error.retryable:
                    time.sleep(error.retry_after_ms / 1000)
                elif not last and keyed and error.code in _LOST:
                    time.sleep(0.05 * (attempt + 1))
                else:
                    raise error from None
        raise AssertionError("unreachable")

    def _stream(self, name: str, timeout: Optional[float] = None, at: int = 0, **fields: Any) -> Iterator[Any]:
        stub, request = self._stub(name, at=at)
        try:
            yield from stub(request(**fields), timeout=timeout, metadata=self._client.metadata)
        except grpc.RpcError as err:
            raise self._client._translate(err, at) from None


class EnvironmentClient(_Service):
    """Sessions, forks, tool calls and steps."""

    def list_servers(self) -> List[ServerInfo]:
        """The domains this service hosts (every shard hosts the same)."""
        r = self._call("ListServers", at=self._client._any())
        return [ServerInfo(s.name, s.title, s.description, s.tool_count, s.read_tools, s.write_tools, list(s.entity_kinds)) for s in r.servers]

    def load(self) -> ServiceLoad:
        """Open sessions now and the service's limit (summed over the shards)."""
        replies = [self._call("ListServers", at=i) for i in range(len(self._client.targets))]
        return ServiceLoad(sum(r.open_sessions for r in replies), sum(r.max_sessions for r in replies))

    def shard_loads(self) -> List[ShardLoad]:
        """Each target's shard name ("s0" for a service started without one), open sessions and limit, in target order."""
        targets = self._client.targets
        return [ShardLoad(r.shard, t, r.open_sessions, r.max_sessions) for t, r in ((t, self._call("ListServers", at=i)) for i, t in enumerate(targets))]

    def list_tools(self, servers: Sequence[str] = (), session_id: str = "") -> ToolList:
        """The tools of ``servers`` (all when empty), or exactly those ``session_id`` offers."""
        at = self._client._at(session_id) if session_id else self._client._any()
        r = self._call("ListTools", servers=list(servers), session_id=session_id, at=at)
        tools = [
            ToolInfo(
                t.name,
                t.server,
                t.description,
                json.loads(t.input_schema_json),
                t.read_only,
                t.destructive,
                t.produces,
                list(t.discovers),
                list(t.sensitive_params),
                _json(t.portable_schema_json, {}),
            )
            for t in r.tools
        ]
        return ToolList(tools, _json(r.openai_tools_json, []), _json(r.openai_strict_tools_json, []))

    def create_session(self, servers: Sequence[str] = (), seed: Union[str, int] = "", tools: Sequence[str] = (), task_id: str = "") -> Session:
        """A new session on ``servers`` and ``seed`` (offering only ``tools`` when given), or from a task."""
        at = self._client._any()
        return _session(self._call("CreateSession", servers=list(servers), seed=str(seed), tools=list(tools), task_id=task_id, at=at))

    def fork(self, session_id: str, count: int = 1) -> List[Session]:
        """``count`` sessions that start exactly where ``session_id`` is now (a GRPO group)."""
        return _fork_copies(self._call("ForkSession", session_id=session_id, count=count, compact=True, at=self._client._at(session_id)))

    def call_tool(self, session_id: str, tool: str, arguments: Optional[Dict[str, Any]] = None, turn: int = 0, key: Optional[str] = None) -> CallResult:
        """Runs one call; ``turn`` is the user turn it answers (0-based; 0 for single-turn use), so the
        reward scores the session turn by turn. ``key`` (generated when not given) makes a retry safe."""
        return _call_result(
            self._call(
                "CallTool",
                keyed=True,
                at=self._client._at(session_id),
                session_id=session_id,
                tool=tool,
                arguments_json=json.dumps(arguments or {}),
                turn=turn,
                idempotency_key=key or _new_key(),
            )
        )

    def call_tool_batch(self, calls: Iterable[Tuple[Any, ...]], keys: Optional[Sequence[str]] = None) -> List[CallResult]:
        """Many calls in one RPC: ``[(session_id, tool, arguments[, turn]), ...]``; each result has its
        own status. ``keys`` (one per call, generated when not given) make a resent batch run each call once."""
        calls = list(calls)
        request = _wire.message("CallToolRequest")
        items = [
            request(session_id=c[0], tool=c[1], arguments_json=json.dumps(c[2] or {}), turn=c[3] if len(c) > 3 else 0, idempotency_key=k)
            for c, k in zip(calls, _keys(keys, len(calls)))
        ]
        fallback = lambda i, err: _undecodable_call(items[i].session_id, items[i].tool, err)  # noqa: E731
        unrouted = lambda i: _unrouted_call(items[i].session_id, items[i].tool, self._client._known())  # noqa: E731
        return self._batch("CallToolBatch", "calls", items, "CallResult", _call_result, fallback, unrouted)

    def _batch(
        self,
        method: str,
        field: str,
        items: List[Any],
        message: str,
        decode: Callable[[Any], Any],
        fallback: Callable[[int, Exception], Any],
        unrouted: Callable[[int], Any],
    ) -> List[Any]:
        """Sends a keyed batch, split by shard (each part to its shard, all at once) and merged in
        request order; items that did not fit in a reply are sent again until all ran."""

        def send(at: int, positions: List[int]) -> List[Any]:
            out: Dict[int, Any] = {}
            pending = positions
            while pending:
                data = self._call(method, keyed=True, raw=True, at=at, **{field: [items[i] for i in pending]})
                results, _ = _decode_items(data, message, decode, lambda j, err, sent=pending: fallback(sent[j], err))
                if len(results) != len(pending):
                    raise ProveError(grpc.StatusCode.INTERNAL, f"{method} answered {len(results)} items for {len(pending)}")
                again = []
                for i, r in zip(pending, results):
                    out[i] = r
                    if r.status.code == _RESEND:
                        again.append(i)
                if len(again) == len(pending):  # no progress: report the items as they are
                    break
                pending = again
            return [out[i] for i in positions]

        return self._client._split([item.session_id for item in items], send, unrouted)

    def record_reply(self, session_id: str, turn: int, text: str) -> None:
        """Records what the assistant told the user in ``turn`` (sessions driven by call_tool; step records it itself)."""
        status = self.record_replies([(session_id, turn, text)])[0]
        if not status.ok:
            raise ProveError(_code(status.code), status.message)

    def record_replies(self, replies: Iterable[Tuple[str, int, str]]) -> List[Status]:
        """A whole group's replies in one RPC: ``[(session_id, turn, text), ...]``; one status each."""
        item = _wire.message("ReplyToRecord")
        items = [item(session_id=s, turn=t, text=x) for s, t, x in replies]

        def send(at: int, positions: List[int]) -> List[Status]:
            return [Status(st.code, st.message) for st in self._call("RecordReplies", replies=[items[i] for i in positions], at=at).statuses]

        known = self._client._known
        return self._client._split([i.session_id for i in items], send, lambda i: Status(_NOT_FOUND, unknown_session(items[i].session_id, known())))

    def step(self, session_id: str, text: str, format: str = "hermes", turn: int = 0, key: Optional[str] = None, state_hash: bool = True) -> StepResult:
        """Parses a model's raw output in ``format`` (openai, hermes, granite), runs its calls.
        ``turn`` is the user turn the output answers (0-based; 0 for single-turn use: pass the
        turn in multi-turn conversations, or their replies are scored as one turn's).
        ``state_hash=False`` leaves the result's ``state_hash`` empty and saves the service hashing
        what the step wrote (``get_state`` still gives it)."""
        return _step_result(
            self._call(
                "Step",
                keyed=True,
                at=self._client._at(session_id),
                session_id=session_id,
                assistant_text=text,
                format=_format(format),
                turn=turn,
                idempotency_key=key or _new_key(),
                skip_state_hash=not state_hash,
            )
        )

    def step_batch(self, steps: Iterable[Tuple[Any, ...]], keys: Optional[Sequence[str]] = None, state_hash: bool = True) -> List[StepResult]:
        """A whole group's turn in one RPC: ``[(session_id, text, format[, turn]), ...]`` (turn 0 when
        left out, as in ``step``). Each item runs whole or not at all; ``keys`` (one per item,
        generated when not given) make a resent batch run each item once. An item whose reply
        cannot be decoded is that item's error (status DATA_LOSS); the others are unaffected.
        ``state_hash=False``: as in ``step``, for every item."""
        steps = list(steps)
        request = _wire.message("StepRequest")
        items = [
            request(
                session_id=s[0],
                assistant_text=s[1],
                format=_format(s[2] if len(s) > 2 else "hermes"),
                turn=s[3] if len(s) > 3 else 0,
                idempotency_key=k,
                skip_state_hash=not state_hash,
            )
            for s, k in zip(steps, _keys(keys, len(steps)))
        ]
        unrouted = lambda i: _unrouted_step(items[i].session_id, self._client._known())  # noqa: E731
        return self._batch("StepBatch", "steps", items, "StepResult", _step_result, lambda i, err: _undecodable_step(items[i].session_id, err), unrouted)

    def get_state(self, session_id: str, include_state: bool = False) -> State:
        """The session's state hash and clock, and its canonical state when ``include_state``."""
        r = self._call("GetState", session_id=session_id, include_state=include_state, at=self._client._at(session_id))
        return State(r.session_id, r.state_hash, _json(r.state_json), r.clock, r.calls)

    def journal(self, session_id: str, from_index: int = 0) -> List[CallResult]:
        """Every record from ``from_index`` on, fetched page by page (a reply holds at most 32 MiB)."""
        out: List[CallResult] = []
        more = True
        at = self._client._at(session_id)
        while more:
            data = self._call("GetJournal", raw=True, at=at, session_id=session_id, from_index=from_index)
            records, rest = _decode_items(data, "CallResult", _call_result, lambda i, err: _undecodable_call(session_id, "", err))
            page = _wire.message("GetJournalResponse").FromString(rest)
            out += records
            more = page.more and page.next_index > from_index
            from_index = page.next_index
        return out

    def renew_leases(self, session_ids: Sequence[str]) -> LeaseRenewal:
        """Keeps sessions alive without doing anything else (a trainer's heartbeat)."""
        ids = list(session_ids)
        missing = self._missing("RenewLeases", ids)
        return LeaseRenewal([s for s, m in zip(ids, missing) if not m], [s for s, m in zip(ids, missing) if m])

    def close(self, session_ids: Union[str, Sequence[str]]) -> SessionsClosed:
        """Closes one session or many; unknown ids are reported in ``missing``, not an error."""
        ids = [session_ids] if isinstance(session_ids, str) else list(session_ids)
        missing = self._missing("CloseSession", ids)
        return SessionsClosed(len(ids) - sum(missing), [s for s, m in zip(ids, missing) if m])

    def _missing(self, method: str, ids: List[str]) -> List[bool]:
        """Sends ``ids`` to their shards (RenewLeases, CloseSession); for each, whether its shard
        reported it ``missing`` (ids on no known shard are missing too)."""

        def send(at: int, positions: List[int]) -> List[bool]:
            missing = set(self._call(method, session_ids=[ids[i] for i in positions], at=at).missing)
            return [ids[i] in missing for i in positions]

        return self._client._split(ids, send, lambda i: True)


class RewardClient(_Service):
    """Programmatic rewards: score one trajectory or a GRPO group."""

    def score(
        self,
        task: Union[str, Dict[str, Any]],
        session_id: str = "",
        trajectory: Optional[Dict[str, Any]] = None,
        preset: str = "prove",
        config: Optional[Dict[str, Any]] = None,
    ) -> Score:
        """Scores one trajectory against ``task`` (an id of the Tasks service, or the task itself): a
        live session (``session_id``) or a trajectory as JSON-like data. ``config`` overrides the
        preset's weights and parameters (``{"alpha": 0.5, "weights": {"val": 0.5, ...}}``)."""
        task_fields = {"task_id": task} if isinstance(task, str) else {"task_json": json.dumps(task)}
        r = self._call(
            "Score",
            at=self._client._at(session_id) if session_id else self._client._any(),
            session_id=session_id,
            trajectory_json=json.dumps(trajectory) if trajectory else "",
            preset=preset,
            config_json=json.dumps(config) if config else "",
            **task_fields,
        )
        return _score(r)

    def score_group(
        self,
        task: Union[str, Dict[str, Any]],
        session_ids: Sequence[str] = (),
        trajectories: Sequence[Dict[str, Any]] = (),
        preset: str = "prove",
        config: Optional[Dict[str, Any]] = None,
    ) -> GroupScore:
        """Scores a GRPO group of ``task`` in one call: sessions first, then trajectories, each its
        own ``Score`` (one that cannot be scored is "unscorable" with its status, not an error)."""
        task_fields = {"task_id": task} if isinstance(task, str) else {"task_json": json.dumps(task)}
        r = self._call(
            "ScoreGroup",
            at=self._client._group_shard(session_ids),
            session_ids=list(session_ids),
            trajectories_json=[json.dumps(t) for t in trajectories],
            preset=preset,
            config_json=json.dumps(config) if config else "",
            **task_fields,
        )
        return GroupScore([_score(s) for s in r.scores], {c.name: list(c.values) for c in r.table}, r.mean, r.std)


def _score(r: Any) -> Score:
    return Score(
        reward=r.reward,
        components={c.name: c.value for c in r.components},
        weights={c.name: c.weight for c in r.components},
        preset=r.preset,
        config_hash=r.config_hash,
        outcome=r.outcome,
        detail=_json(r.detail_json),
        status=_status(r) if r.HasField("status") else Status(0, ""),
        reason=r.reason,
    )


class TasksClient(_Service):
    """Synthesized tasks: list, fetch, synthesize."""

    def list(self, dataset: str = "", offset: int = 0, limit: int = 100, domains: Sequence[str] = (), kind: str = "") -> TaskPage:
        """One page of a dataset's tasks (at most 1000), only those touching all ``domains`` and of ``kind`` when given."""
        r = self._call("ListTasks", at=self._client._any(), dataset=dataset, offset=offset, limit=limit, domains=list(domains), kind=kind)
        tasks = [TaskSummary(t.id, list(t.domains), t.kind, t.turns, t.steps, t.info_level, list(t.tags)) for t in r.tasks]
        return TaskPage(tasks, r.total, r.next_offset)

    def get(self, task_id: str, dataset: str = "") -> TaskRecord:
        """One task, as in tasks.jsonl and as a chat-format record."""
        r = self._call("GetTask", at=self._client._any(), id=task_id, dataset=dataset)
        return TaskRecord(_json(r.task_json, {}), _json(r.chat_json, {}))

    def synthesize(self, seed: Union[str, int], count: int, dataset: str, config: Optional[Dict[str, Any]] = None) -> Iterator[SynthesisProgress]:
        """Synthesizes ``count`` tasks into ``dataset`` on the service, yielding progress until the last
        message (``finished``, with the statistics). The same seed and config give the same dataset.
        With shards, the dataset is written by one of them (the first target) and only it serves it."""
        for p in self._stream("Synthesize", seed=str(seed), count=count, dataset=dataset, config_json=json.dumps(config) if config else ""):
            yield SynthesisProgress(
                p.stage, p.done, p.total, p.kept, {c.name: c.count for c in p.dropped}, p.message, p.finished, _json(p.stats_json), p.dataset
            )


def _new_key() -> str:
    return uuid.uuid4().hex


def _keys(keys: Optional[Sequence[str]], n: int) -> List[str]:
    if keys is None:
        base = _new_key()
        return [f"{base}/{i}" for i in range(n)]
    if len(keys) != n:
        raise ValueError(f"{len(keys)} idempotency keys for {n} items")
    return list(keys)


def _format(name: str) -> int:
    key = FORMATS.get(name, name)
    try:
        return _wire.enum_number("ToolCallFormat", key)
    except KeyError:
        raise ValueError(f"unknown tool-call format {name!r}; use one of {sorted(FORMATS)}") from None


def targets_of(target: Union[str, Sequence[str]]) -> List[str]:
    """The targets of "a:1,b:2" or ["a:1", "b:2"]."""
    parts = target.split(",") if isinstance(target, str) else list(target)
    out = [t.strip() for t in parts if t.strip()]
    if not out:
        raise ValueError("no target given: pass host:port, or a comma-separated list of shards")
    return out


class ProveClient:
    """Channels to a PROVE service (one target, or several shards), with ``env``, ``reward`` and ``tasks`` clients."""

    def __init__(
        self,
        target: Union[str, Sequence[str]] = "127.0.0.1:50051",
        token: Optional[str] = None,
        timeout: float = 60.0,
        options: Sequence[Tuple[str, Any]] = (),
        retries: int = 2,
    ):
        self.targets = targets_of(target)
        self.target = ",".join(self.targets)
        self.timeout = timeout
        self.retries = retries
        self.metadata = (("authorization", f"Bearer {token}"),) if token else ()
        opts = [("grpc.max_receive_message_length", 64 * 1024 * 1024), ("grpc.max_send_message_length", 64 * 1024 * 1024), *options]
        self.channels = [grpc.insecure_channel(t, options=opts) for t in self.targets]
        self.channel = self.channels[0]
        self._turns = RoundRobin(len(self.targets))
        self._names: Optional[Dict[str, int]] = None
        self._names_lock = threading.Lock()
        self._pool: Optional[ThreadPoolExecutor] = None
        self.env = EnvironmentClient(self, "Environment")
        self.reward = RewardClient(self, "Reward")
        self.tasks = TasksClient(self, "Tasks")

    def wait_ready(self, timeout: float = 10.0) -> "ProveClient":
        """Blocks until every target is connected (and, for shards, has named itself), or raises ServiceUnavailable."""
        for target, channel in zip(self.targets, self.channels):
            try:
                grpc.channel_ready_future(channel).result(timeout=timeout)
            except grpc.FutureTimeoutError:
                raise ServiceUnavailable(
                    grpc.StatusCode.UNAVAILABLE, f"no PROVE service answered at {target} within {timeout:.0f}s; is `prove serve` running there?"
                ) from None
        self._shards()
        return self

    # --- Routing (several targets only; with one, every call goes to it).

    def _shards(self) -> Dict[str, int]:
        """Shard name -> target index, asked of each target once (ListServers names its shard)."""
        if len(self.targets) == 1:
            return {}
        with self._names_lock:
            if self._names is None:
                names: Dict[str, int] = {}
                for i, target in enumerate(self.targets):
                    shard = self.env._call("ListServers", at=i).shard
                    if not shard:
                        raise ProveError(grpc.StatusCode.FAILED_PRECONDITION, f"{target} does not name its shard (a service older than shard routing)")
                    if shard in names:
                        raise ProveError(
                            grpc.StatusCode.FAILED_PRECONDITION,
                            f'{self.targets[names[shard]]} and {target} are both shard "{shard}": start each with its own --shard NAME',
                        )
                    names[shard] = i
                self._names = names
            return self._names

    def _known(self) -> List[str]:
        return list(self._shards())

    def _at(self, session_id: str) -> int:
        """The target holding a session; NOT_FOUND when its id names no shard of this client."""
        if len(self.targets) == 1:
            return 0
        names = self._shards()
        at = names.get(shard_of(session_id))
        if at is None:
            raise ProveError(grpc.StatusCode.NOT_FOUND, unknown_session(session_id, names))
        return at

    def _any(self) -> int:
        """Any target, in turn (new sessions, and calls every shard answers alike)."""
        return self._turns.next()

    def _group_shard(self, session_ids: Sequence[str]) -> int:
        """Where a GRPO group is scored: the one shard its sessions live on (it was forked from one
        root), or any shard when none names a known one (which then answers "unknown session")."""
        if len(self.targets) == 1:
            return 0
        names = self._shards()
        parts, _ = split_by_shard(list(session_ids), names)
        if len(parts) > 1:
            raise ProveError(
                grpc.StatusCode.INVALID_ARGUMENT, f"a group's sessions live on one shard (fork them from one root); these are on {', '.join(parts)}"
            )
        return names[next(iter(parts))] if parts else self._any()

    def _split(self, session_ids: Sequence[str], send: Callable[[int, List[int]], List[Any]], unrouted: Callable[[int], Any]) -> List[Any]:
        """A batch split by its sessions' shards: ``send(target, positions)`` for each shard's part,
        all parts at once, the results merged in request order; ``unrouted(position)`` for items on
        no known shard."""
        if len(self.targets) == 1:
            return send(0, list(range(len(session_ids))))
        names = self._shards()
        parts, unknown = split_by_shard(session_ids, names)
        done: List[Tuple[Sequence[int], Sequence[Any]]] = [(unknown, [unrouted(i) for i in unknown])]
        if len(parts) == 1:
            ((shard, positions),) = parts.items()
            done.append((positions, send(names[shard], positions)))
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=len(self.targets), thread_name_prefix="prove-shard")
            futures = [(positions, self._pool.submit(send, names[shard], positions)) for shard, positions in parts.items()]
            done += [(positions, f.result()) for positions, f in futures]
        return merge_by_position(len(session_ids), done)

    def _translate(self, err: grpc.RpcError, at: int = 0) -> ProveError:
        code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
        details = err.details() if hasattr(err, "details") else str(err)
        if code == grpc.StatusCode.UNAVAILABLE:
            return ServiceUnavailable(code, f"cannot reach the PROVE service at {self.targets[at]} ({details}); is `prove serve` running?")
        retry = None
        for key, value in (err.trailing_metadata() or ()) if hasattr(err, "trailing_metadata") else ():
            if key == "retry-after-ms":
                retry = int(value)
        return ProveError(code, details, retry)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)
        for channel in self.channels:
            channel.close()

    def __enter__(self) -> "ProveClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
