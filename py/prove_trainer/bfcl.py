"""BFCL multi-turn with its own data, execution classes and checker: ``python -m prove_trainer.bfcl``.

The ``bfcl-eval`` package (pinned, installed with ``--no-deps`` by the Makefile) ships the
multi-turn entries and ground truth, the executable API classes (file system, trading, travel,
vehicle, messaging, posting, ticketing, math) and ``multi_turn_checker``. This module plays a
policy through each entry as BFCL's function-calling handler does:

- the entry's functions are rendered as OpenAI tools, as BFCL renders them for OpenAI-style
  models, and offered through the policy's own chat template / tool-call format;
- each user turn, the policy writes messages until one does not decode to calls (or 20 steps,
  BFCL's force-quit limit); the calls of each message are executed at once with BFCL's
  ``execute_multi_turn_func_call`` and the results are fed back as tool messages;
- a missing-function turn adds the held-out functions and says so, as BFCL does;
- the decoded calls are then judged by BFCL's ``multi_turn_checker``, and accuracy per category
  is correct / total, the overall multi-turn figure the unweighted mean of the categories.

The policy's text is parsed by the environment's own parser (``Step`` on a throwaway session of
the PROVE service that offers none of BFCL's functions), so a model is read exactly as in
training. BFCL executes a call by ``eval`` of ``name(key=value, …)``; only names that are public
methods of the entry's classes, with identifier keys and JSON values written as Python literals,
ever reach it. Anything else gets BFCL's error text without being run.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import inspect
import itertools
import json
import os
import re
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .client import CallResult, ParsedCall, ProveClient, StepResult, Status
from .rollout import derive_seed
from .eval_policies import Move, Script, add_policy_arguments, policy_from_args, with_service
from .policies.base import Policy, TaskView

CATEGORIES = ("base", "miss_func", "miss_param", "long_context")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: How much of a failed check's details a line keeps (a long-context state runs to megabytes).
DETAIL_CHARS = 20_000


def bfcl():
    """The bfcl_eval modules this harness uses. bfcl_eval makes result/ and score/ folders next to
    itself on import; BFCL_PROJECT_ROOT sends them to a temporary folder instead."""
    os.environ.setdefault("BFCL_PROJECT_ROOT", os.path.join(tempfile.gettempdir(), "prove-bfcl"))
    from bfcl_eval import utils
    from bfcl_eval.constants import default_prompts, executable_backend_config, type_mappings
    from bfcl_eval.eval_checker.multi_turn_eval import multi_turn_checker, multi_turn_utils

    return utils, default_prompts, executable_backend_config, type_mappings, multi_turn_checker, multi_turn_utils


def load_category(category: str) -> Tuple[List[Dict[str, Any]], List[List[List[str]]]]:
    """BFCL's entries of a multi-turn category (functions attached, held-out ones split off) and their ground truth."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown BFCL multi-turn category {category!r}; use {', '.join(CATEGORIES)}")
    utils = bfcl()[0]
    entries = utils.load_dataset_entry(f"multi_turn_{category}")
    truth = utils.load_ground_truth_entry(f"multi_turn_{category}")
    if [e["id"] for e in entries] != [t["id"] for t in truth]:
        raise ValueError(f"BFCL's {category} entries and ground truth are not aligned")
    return entries, [t["ground_truth"] for t in truth]


# ---- functions as tools ------------------------------------------------------------------------


def _cast(properties: Dict[str, Any], mapping: Dict[str, str]) -> Dict[str, Any]:
    """BFCL's parameter types as JSON Schema types (``model_handler.utils._cast_to_openai_type``,
    which cannot be imported without BFCL's other dependencies)."""
    for value in properties.values():
        if "type" not in value:
            value["type"] = "string"
        else:
            kind = value["type"]
            if kind == "float":
                value["format"] = "float"
                value["description"] += " This is a float type value."
            value["type"] = mapping.get(kind, "string")
        if value["type"] in ("array", "object"):
            if "properties" in value:
                value["properties"] = _cast(value["properties"], mapping)
            elif "items" in value:
                items = value["items"]
                items["type"] = mapping[items["type"]]
                if items["type"] == "array" and "items" in items:
                    items["items"]["type"] = mapping[items["items"]["type"]]
                elif items["type"] == "object" and "properties" in items:
                    items["properties"] = _cast(items["properties"], mapping)
    return properties


def openai_tools(functions: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """BFCL function documents as OpenAI tools, as BFCL's ``convert_to_tool`` writes them for OpenAI chat models."""
    mapping = bfcl()[3].GORILLA_TO_OPENAPI
    tools = []
    for item in copy.deepcopy(list(functions)):
        item["name"] = item["name"].replace(".", "_")
        item["parameters"]["type"] = "object"
        item["parameters"]["properties"] = _cast(item["parameters"]["properties"], mapping)
        tools.append({"type": "function", "function": item})
    return tools


# ---- calls -------------------------------------------------------------------------------------


def class_methods(involved: Sequence[str]) -> Dict[str, Callable]:
    """Public methods of an entry's API classes: the only names BFCL's executor may run."""
    paths = bfcl()[2].CLASS_FILE_PATH_MAPPING
    methods: Dict[str, Callable] = {}
    for name in involved:
        cls = getattr(importlib.import_module(paths[name]), name)
        for method, fn in inspect.getmembers(cls, inspect.isfunction):
            if not method.startswith("_"):
                methods[method] = fn
    return methods


def execution_string(name: str, arguments: Any, methods: Dict[str, Callable]) -> Tuple[Optional[str], str]:
    """``name(key=value,…)`` as BFCL's ``convert_to_function_call`` writes a decoded call, or
    (None, BFCL's error text) when the call must not reach ``eval``."""
    if name not in methods or not _IDENTIFIER.match(name):
        return None, f"Error during execution: name '{name}' is not defined"
    if not isinstance(arguments, dict) or not all(isinstance(k, str) and _IDENTIFIER.match(k) for k in arguments):
        return None, "Error during execution: invalid syntax (argument names must be identifiers)"
    # JSON values (str, numbers, bools, None, lists, dicts) written by repr are Python literals.
    return f"{name}({','.join(f'{k}={v!r}' for k, v in arguments.items())})", ""


def parse_ground_truth(call: str, methods: Dict[str, Callable]) -> Tuple[str, Dict[str, Any]]:
    """A ground-truth string such as ``sort('final_report.pdf')`` as (name, keyword arguments)."""
    node = ast.parse(call, mode="eval").body
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in methods:
        raise ValueError(f"unexpected ground-truth call {call!r}")
    name = node.func.id
    params = [p for p in inspect.signature(methods[name]).parameters if p != "self"]
    args = {params[i]: ast.literal_eval(a) for i, a in enumerate(node.args)}
    args.update({k.arg: ast.literal_eval(k.value) for k in node.keywords})
    return name, args


#: Calls per oracle message: the environment's parser takes at most 32 per message (a few
#: long-context turns need 34), so a turn's ground truth goes out in messages of at most 16.
ORACLE_CALLS_PER_MESSAGE = 16


def oracle_script(entries: Dict[str, Tuple[Dict[str, Any], List[List[str]]]]) -> Script:
    """BFCL's ground truth as a script: each turn's calls in order, then a reply."""

    def script(view: TaskView) -> List[List[Move]]:
        entry, truth = entries[view.id]
        methods = class_methods(entry["involved_classes"])
        turns: List[List[Move]] = []
        for turn in truth:
            calls = [parse_ground_truth(c, methods) for c in turn]
            turns.append([calls[i : i + ORACLE_CALLS_PER_MESSAGE] for i in range(0, len(calls), ORACLE_CALLS_PER_MESSAGE)] + ["Done."])
        return turns

    return script


# ---- playing an entry --------------------------------------------------------------------------


@dataclass
class Game:
    entry: Dict[str, Any]
    truth: List[List[str]]
    category: str
    model_name: str
    methods: Dict[str, Callable]
    view: TaskView
    context: Any = None
    parse_session: str = ""
    turn: int = 0
    steps: int = 0
    forced: bool = False
    done: bool = False
    #: Per turn, per step with calls: the execution strings BFCL's checker re-executes.
    decoded: List[List[List[str]]] = field(default_factory=lambda: [[]])
    transcript: List[Dict[str, Any]] = field(default_factory=list)


def _turn_texts(entry: Dict[str, Any], adds_tools: bool) -> List[str]:
    prompts = bfcl()[1]
    held = entry.get("missed_function", {})
    texts = []
    for i, messages in enumerate(entry["question"]):
        if str(i) in held:
            texts.append(
                prompts.DEFAULT_USER_PROMPT_FOR_ADDITIONAL_FUNCTION_FC
                if adds_tools
                else prompts.DEFAULT_USER_PROMPT_FOR_ADDITIONAL_FUNCTION_PROMPTING.format(functions=held[str(i)])
            )
        else:
            texts.append("\n".join(m["content"] for m in messages))
    return texts


def new_game(entry: Dict[str, Any], truth: List[List[str]], category: str, policy: Policy, run: str) -> Game:
    adds_tools = hasattr(policy, "add_tools")
    view = TaskView(entry["id"], "", _turn_texts(entry, adds_tools), openai_tools(entry["function"]))
    name = re.sub(r"\W", "_", f"{run}_{category}")
    return Game(entry, truth, category, name, class_methods(entry["involved_classes"]), view)


def play(client: ProveClient, policy: Policy, games: List[Game], on_round: Callable[[], None] = lambda: None, seed: int = 0) -> None:
    """Plays every game to its end, all live games advanced by one batch of generation per round
    (sampled with a seed derived from ``seed`` and the round)."""
    utils = bfcl()[5]
    limit = bfcl()[1].MAXIMUM_STEP_LIMIT
    server = client.env.list_servers()[0].name
    for g in games:
        g.context = policy.begin(g.view)
        g.parse_session = client.env.create_session([server], seed="bfcl-parse").session_id
        g.transcript.append({"role": "user", "content": g.view.users[0], "turn": 0})
    try:
        for round_ in itertools.count():
            live = [g for g in games if not g.done]
            if not live:
                return
            generations = policy.generate([g.context for g in live], derive_seed(seed, "bfcl", round_))
            parsed = client.env.step_batch([(g.parse_session, gen.text, policy.format) for g, gen in zip(live, generations)])
            for g, gen, r in zip(live, generations, parsed):
                if not r.status.ok:
                    raise RuntimeError(f"the PROVE service could not parse a message of {g.entry['id']}: {r.status.message}")
                g.transcript.append({"role": "assistant", "content": gen.text, "turn": g.turn})
                calls = [(c.name, c.arguments) for c in r.calls]
                if r.format_errors or not calls:  # BFCL: a message that decodes to no calls ends the turn
                    _next_turn(g, policy)
                    continue
                step = _execute(g, calls, utils)
                g.transcript += [{"role": "tool", "name": m["name"], "content": m["content"], "turn": g.turn} for m in step.tool_messages]
                g.steps += 1
                if g.steps > limit or not policy.add_tool_results(g.context, step):
                    g.forced = g.done = True  # BFCL's force-quit (or a context with no room left)
            on_round()
    finally:
        client.env.close([g.parse_session for g in games if g.parse_session])


def _execute(g: Game, calls: List[Tuple[str, Any]], utils) -> StepResult:
    strings = [execution_string(name, args, g.methods) for name, args in calls]
    runnable = [s for s, _ in strings if s]
    results, _ = utils.execute_multi_turn_func_call(
        runnable, g.entry["initial_config"], g.entry["involved_classes"], g.model_name, g.entry["id"], long_context=g.category == "long_context"
    )
    done = iter(results)
    outputs = [next(done) if s else error for s, error in strings]
    if runnable:
        g.decoded[g.turn].append(runnable)
    parsed = []
    for i, ((name, args), out) in enumerate(zip(calls, outputs)):
        failed = out.startswith("Error during execution") or _is_error(out)
        result = CallResult(
            index=i,
            tool=name,
            arguments=args,
            outcome="tool_error" if failed else "ok",
            result=None if failed else _maybe_json(out),
            error=None,
            changes=[],
            clock="",
            session_id="",
            status=Status(0, ""),
        )
        parsed.append(ParsedCall(f"call_{i}", name, args if isinstance(args, dict) else {}, result))
    messages = [{"role": "tool", "tool_call_id": f"call_{i}", "name": name, "content": out} for i, ((name, _), out) in enumerate(zip(calls, outputs))]
    return StepResult(
        session_id="", calls=parsed, format_errors=[], reply_text="", tool_messages=messages, rendered="", outcome="ok", state_hash="", status=Status(0, "")
    )


def _maybe_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _is_error(text: str) -> bool:
    value = _maybe_json(text)
    return isinstance(value, dict) and "error" in value


def _next_turn(g: Game, policy: Policy) -> None:
    g.turn += 1
    g.steps = 0
    if g.turn >= len(g.truth):
        g.done = True
        return
    g.decoded.append([])
    held = g.entry.get("missed_function", {}).get(str(g.turn))
    if held and hasattr(policy, "add_tools"):
        policy.add_tools(g.context, openai_tools(held))
    text = g.view.users[g.turn]
    g.transcript.append({"role": "user", "content": text, "turn": g.turn})
    if not policy.add_user_turn(g.context, text):
        g.forced = g.done = True


# ---- judging -----------------------------------------------------------------------------------


def check(g: Game) -> Dict[str, Any]:
    """BFCL's verdict on a played entry (``eval_runner._evaluate_single_multi_turn_entry``'s logic)."""
    checker = bfcl()[4]
    if len(g.decoded) != len(g.truth):
        return {
            "valid": False,
            "error_type": "multi_turn:force_terminated",
            "error_message": f"Model was force-terminated during inference phase. The length of the model result turns ({len(g.decoded)}) does not match the length of the ground truth turns ({len(g.truth)}).",
        }
    entry = {k: v for k, v in g.entry.items() if k != "function"}
    return checker.multi_turn_checker(g.decoded, g.truth, entry, f"multi_turn_{g.category}", g.model_name)


def forget(g: Game) -> None:
    """Drops the API instances BFCL keeps in its executor's globals for this game and its check."""
    table = vars(bfcl()[5])
    for variant in ("", "_eval", "_ground_truth_eval"):
        for cls in g.entry["involved_classes"]:
            table.pop(re.sub(r"[-./:]", "_", f"{g.model_name}{variant}_{g.entry['id']}_{cls}_instance"), None)


def result_line(g: Game, verdict: Dict[str, Any]) -> Dict[str, Any]:
    details = verdict.get("details")
    text = json.dumps(details, default=str) if details is not None else ""
    return {
        "id": g.entry["id"],
        "category": g.category,
        "valid": bool(verdict.get("valid")),
        "error_type": verdict.get("error_type", ""),
        "error_message": verdict.get("error_message", ""),
        "details": json.loads(text) if text and len(text) <= DETAIL_CHARS else (text[:DETAIL_CHARS] if text else None),
        "forced": g.forced,
        "turns": len(g.truth),
        "decoded": g.decoded,
        "ground_truth": g.truth,
        "messages": g.transcript,
    }


def summarize(lines: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Accuracy per category as BFCL computes it (correct / total), and the unweighted mean over categories."""
    out: Dict[str, Any] = {}
    for c in CATEGORIES:
        mine = [line for line in lines if line["category"] == c]
        if mine:
            correct = sum(1 for line in mine if line["valid"])
            out[c] = {"accuracy": correct / len(mine), "correct": correct, "total": len(mine)}
    if out:
        out["overall"] = {"accuracy": sum(v["accuracy"] for v in out.values()) / len(out), "categories": len(out)}
    return out


def run(
    client: ProveClient,
    policy: Policy,
    loaded: Dict[str, Tuple[List[Dict[str, Any]], List[List[List[str]]]]],
    limit: int,
    out: str,
    batch: int,
    progress: Callable[[int, int], None] = lambda d, t: None,
    seed: int = 0,
) -> Dict[str, Any]:
    """Plays and judges the first ``limit`` entries (0: all) of each loaded category; writes one line per entry to ``out``."""
    plan = [(c, e, t) for c, (es, ts) in loaded.items() for e, t in list(zip(es, ts))[: limit or None]]
    run_id = f"prove_{uuid.uuid4().hex[:12]}"
    lines: List[Dict[str, Any]] = []
    tmp = f"{out}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf8") as f:
        for start in range(0, len(plan), batch):
            games = [new_game(e, t, c, policy, run_id) for c, e, t in plan[start : start + batch]]
            play(client, policy, games, seed=derive_seed(seed, start))
            for g in games:
                try:
                    line = result_line(g, check(g))
                finally:
                    forget(g)
                lines.append(line)
                f.write(json.dumps(line) + "\n")
            f.flush()
            progress(len(lines), len(plan))
    os.replace(tmp, out)
    return summarize(lines)


def main(argv: Optional[List[str]] = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    p = argparse.ArgumentParser(prog="python -m prove_trainer.bfcl", description="BFCL multi-turn with bfcl-eval's own data, execution classes and checker.")
    p.add_argument(
        "--server", default=os.environ.get("PROVE_SERVER", "127.0.0.1:50051"), help="address of the PROVE service (its parser reads the policy's messages)"
    )
    p.add_argument("--out", required=True, help="results.jsonl to write (one line per entry)")
    p.add_argument("--categories", default=",".join(CATEGORIES), help=f"comma-separated: {', '.join(CATEGORIES)}")
    p.add_argument("--limit", type=int, default=0, help="the first N entries of each category (0: all)")
    add_policy_arguments(p)
    args = p.parse_args(argv)
    categories = [c.strip() for c in args.categories.split(",") if c.strip()]

    def body(client: ProveClient) -> int:
        from .metrics import emit

        loaded = {c: load_category(c) for c in categories}
        policy = policy_from_args(args, client, oracle_script({e["id"]: (e, t) for es, ts in loaded.values() for e, t in zip(es, ts)}))
        emit("start", total=sum(len(es[: args.limit or None]) for es, _ in loaded.values()), format=policy.format)
        summary = run(client, policy, loaded, args.limit, args.out, max(1, args.concurrency), lambda d, t: emit("progress", done=d, total=t), seed=args.seed)
        emit("done", summary=summary, out=args.out)
        return 0

    return with_service("prove_trainer.bfcl", args.server, body)


if __name__ == "__main__":
    sys.exit(main())
