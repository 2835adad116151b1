"""The policies ``prove eval`` runs, behind the trainer's own ``Policy`` interface.

- ``oracle`` and ``none``: sanity references. The oracle plays a script (for each user turn, the
  ground truth's calls, then a reply); ``none`` only ever replies. A harness on which the oracle
  does not score near the top, or ``none`` not near the bottom, is broken.
- an OpenAI-compatible chat endpoint (``--endpoint URL --model NAME``: ``vllm serve`` of a base
  model or of an exported checkpoint, or any hosted API). Its messages reach the environment as
  OpenAI-format text, so they go through the same ``Step`` parsing as a trained model's.
- ``stub``, a run folder, a checkpoint folder or a Hugging Face model folder: loaded with the
  trainer's own code (``policies/stub.py``, ``policies/hf.py``), weights restored exactly as a
  resumed run restores them.

The rollout (``rollout.run_groups``) and the BFCL harness drive all of them the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .client import ProveClient, ProveError, StepResult
from .policies.base import Generation, Policy, TaskView

#: A scripted assistant message: the calls it makes (name, arguments), or a reply without calls.
Move = Union[List[Tuple[str, Dict[str, Any]]], str]
#: The moves of a task, user turn by user turn.
Script = Callable[[TaskView], List[List[Move]]]

DECLINE = "I'm sorry, but I can't do that with the tools I have."


class InferencePolicy(Policy):
    """A policy that only acts: evaluation never trains it."""

    max_units = 0

    def logprobs(self, contexts, grad):
        raise NotImplementedError(f"{type(self).__name__} is for evaluation; it has no log-probs to train")

    def ref_logprobs(self, contexts):
        return None

    def parameters(self) -> Iterable[Any]:
        return []

    def save(self, directory: str) -> None:
        raise NotImplementedError(f"{type(self).__name__} has no weights to save")

    def load(self, directory: str) -> None:
        raise NotImplementedError(f"{type(self).__name__} has no weights to load")


def render_message(calls: Sequence[Tuple[str, Dict[str, Any]]], format: str) -> str:
    """One assistant message making ``calls``, as raw text in a chat format."""
    if format == "openai":
        tool_calls = [{"id": f"call_{i}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}} for i, (n, a) in enumerate(calls)]
        return json.dumps({"content": None, "tool_calls": tool_calls})
    return "\n".join("<tool_call>\n" + json.dumps({"name": n, "arguments": a}) + "\n</tool_call>" for n, a in calls)


def reply_text(text: str, format: str) -> str:
    """A reply without calls in a chat format (OpenAI text that looks like JSON must be wrapped)."""
    return json.dumps({"content": text}) if format == "openai" else text


@dataclass
class ScriptContext:
    moves: List[List[Move]]
    turn: int = 0
    played: int = 0


class ScriptedPolicy(InferencePolicy):
    """Plays a fixed script per task; past the script of a turn it replies ``fallback``."""

    def __init__(self, format: str, script: Script, fallback: str = DECLINE):
        self.format = format
        self.script = script
        self.fallback = fallback

    def begin(self, task: TaskView) -> ScriptContext:
        return ScriptContext(self.script(task))

    def generate(self, contexts: List[ScriptContext], seed: int) -> List[Generation]:
        out = []
        for c in contexts:
            moves = c.moves[c.turn] if c.turn < len(c.moves) else []
            move: Move = moves[c.played] if c.played < len(moves) else self.fallback
            c.played += 1
            text = reply_text(move, self.format) if isinstance(move, str) else render_message(move, self.format)
            out.append(Generation(text, 1, False))
        return out

    def add_tool_results(self, context: ScriptContext, step: StepResult) -> bool:
        return True

    def add_user_turn(self, context: ScriptContext, text: str) -> bool:
        context.turn += 1
        context.played = 0
        return True


def none_policy(format: str) -> ScriptedPolicy:
    """Never calls a tool: every message is a polite refusal."""
    return ScriptedPolicy(format, lambda task: [], DECLINE)


# ---- an OpenAI-compatible endpoint -------------------------------------------------------------


class EndpointError(RuntimeError):
    """The endpoint did not answer usefully after the retries."""


@dataclass
class EndpointContext:
    messages: List[Dict[str, Any]]
    tools: List[Dict[str, Any]]
    #: Ids of the last assistant message's tool calls (tool results answer them by position).
    call_ids: List[str] = field(default_factory=list)


class EndpointPolicy(InferencePolicy):
    """A model behind ``POST {url}/chat/completions`` (OpenAI's API, vLLM, SGLang, llama.cpp …)."""

    format = "openai"

    def __init__(
        self,
        url: str,
        model: str,
        api_key: Optional[str] = None,
        temperature: float = 0.0,
        max_tokens: int = 1024,
        concurrency: int = 8,
        timeout: float = 300.0,
        retries: int = 3,
    ):
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"--endpoint must be an http(s) URL, got {url!r}")
        url = url.rstrip("/")
        self.url = url if url.endswith("/chat/completions") else url + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.retries = retries

    def begin(self, task: TaskView) -> EndpointContext:
        messages = ([{"role": "system", "content": task.system}] if task.system else []) + [{"role": "user", "content": task.users[0]}]
        return EndpointContext(messages, list(task.tools))

    def add_tools(self, context: EndpointContext, tools: List[Dict[str, Any]]) -> None:
        """Functions offered from now on (BFCL's missing-function turns)."""
        context.tools.extend(tools)

    def generate(self, contexts: List[EndpointContext], seed: int) -> List[Generation]:
        if len(contexts) <= 1:
            return [self._complete(c) for c in contexts]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(contexts))) as pool:
            return list(pool.map(self._complete, contexts))

    def _complete(self, context: EndpointContext) -> Generation:
        body: Dict[str, Any] = {"model": self.model, "messages": context.messages, "temperature": self.temperature, "max_tokens": self.max_tokens}
        if context.tools:
            body["tools"] = context.tools
        answer = self._post(body)
        try:
            choice = answer["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise EndpointError(f"{self.url} answered without choices[0].message: {json.dumps(answer)[:300]}") from None
        content = message.get("content")
        calls = [c for c in (message.get("tool_calls") or []) if isinstance(c, dict)]
        kept: Dict[str, Any] = {"role": "assistant", "content": content}
        if calls:
            kept["tool_calls"] = calls
        context.messages.append(kept)
        context.call_ids = [str(c.get("id") or f"call_{i}") for i, c in enumerate(calls)]
        # The environment parses the message as OpenAI-format JSON: calls and content as the model wrote them.
        text = json.dumps({"content": content, **({"tool_calls": calls} if calls else {})})
        usage = answer.get("usage") or {}
        return Generation(text, int(usage.get("completion_tokens") or 0), choice.get("finish_reason") == "length")

    def _post(self, body: Dict[str, Any]) -> Dict[str, Any]:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {})}
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(30.0, 2.0**attempt))
            try:
                with urllib.request.urlopen(urllib.request.Request(self.url, data=data, headers=headers, method="POST"), timeout=self.timeout) as r:
                    return json.loads(r.read().decode("utf8"))
            except urllib.error.HTTPError as err:
                problem = f"HTTP {err.code}: {err.read()[:300].decode('utf8', 'replace')}"
                if err.code not in (408, 409, 429) and err.code < 500:
                    break  # the request itself is wrong: retrying changes nothing
            except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError) as err:
                problem = f"{type(err).__name__}: {err}"
        raise EndpointError(f"{self.url} failed ({problem})")

    def add_tool_results(self, context: EndpointContext, step: StepResult) -> bool:
        for i, m in enumerate(step.tool_messages):
            call_id = context.call_ids[i] if i < len(context.call_ids) else m.get("tool_call_id", f"call_{i}")
            context.messages.append({"role": "tool", "tool_call_id": call_id, "content": m.get("content", "")})
        return True

    def add_user_turn(self, context: EndpointContext, text: str) -> bool:
        context.messages.append({"role": "user", "content": text})
        return True


# ---- trained policies, loaded by the trainer's own code ----------------------------------------


@dataclass(frozen=True)
class PolicyOptions:
    format: Optional[str] = None
    seed: int = 0
    temperature: Optional[float] = None
    max_new_tokens: Optional[int] = None
    device: str = "auto"
    checkpoint: Optional[str] = None


def locate_checkpoint(path: str, name: Optional[str] = None) -> Tuple[str, str]:
    """(run folder, checkpoint folder) for a run folder (its latest or named checkpoint) or a checkpoint folder."""
    from . import checkpoint

    path = os.path.abspath(path)
    if os.path.exists(os.path.join(path, "state.json")) and os.path.isdir(os.path.join(path, "policy")):
        return os.path.dirname(os.path.dirname(path)), path
    if not os.path.exists(os.path.join(path, "config.json")):
        raise ValueError(f"{path} is neither a run folder of prove train nor one of its checkpoints")
    found = os.path.join(path, "checkpoints", name) if name else checkpoint.latest(path)
    if not found or not os.path.exists(os.path.join(found, "state.json")):
        raise ValueError(f"run folder {path} has no checkpoint {name or '(none written yet)'}")
    return path, found


def is_model_folder(path: str) -> bool:
    """A Hugging Face model folder (e.g. what ``prove export`` writes), not a run folder."""
    config = os.path.join(path, "config.json")
    if not os.path.exists(config) or os.path.isdir(os.path.join(path, "checkpoints")):
        return False
    with open(config, encoding="utf8") as f:
        data = json.load(f)
    return isinstance(data, dict) and ("architectures" in data or "model_type" in data)


def _no_corpus() -> Iterable[str]:
    raise ValueError("this run folder has no tokenizer/ (a tiny model's tokenizer is trained at the start of its run)")


def load_trained(path: str, client: ProveClient, opts: PolicyOptions) -> Policy:
    """The policy of a run folder or checkpoint, with its trained weights; or a model folder's."""
    from . import config as config_mod
    from .models import resolve_model
    from .policies.hf import make_hf_policy

    eval_overrides = {k: v for k, v in {"temperature": opts.temperature, "max_new_tokens": opts.max_new_tokens, "device": opts.device}.items() if v is not None}
    if is_model_folder(path):
        fmt = opts.format or _export_format(path)
        cfg = config_mod.resolve({"model": os.path.abspath(path), "format": fmt, "lora": False, "kl_beta": 0.0, "seed": opts.seed, **eval_overrides})
        spec = resolve_model(cfg.model, cfg.format)
        return make_hf_policy(cfg, spec, os.path.join(path, "tokenizer"), _no_corpus)
    run_dir, found = locate_checkpoint(path, opts.checkpoint)
    cfg = config_mod.load(os.path.join(run_dir, "config.json"))
    for k, v in eval_overrides.items():
        setattr(cfg, k, v)
    cfg.kl_beta = 0.0  # no reference model: evaluation never computes the KL term
    config_mod.validate(cfg)
    spec = resolve_model(cfg.model, cfg.format)
    if spec.kind == "stub":
        policy = stub_policy(client, cfg.format, cfg.max_assistant_turns)
        policy.load(os.path.join(found, "policy"))
        return policy
    policy = make_hf_policy(cfg, spec, os.path.join(run_dir, "tokenizer"), _no_corpus)
    policy.load(os.path.join(found, "policy"))
    return policy


def _export_format(path: str) -> str:
    marker = os.path.join(path, "prove-export.json")
    if os.path.exists(marker):
        with open(marker, encoding="utf8") as f:
            return json.load(f).get("format", "hermes")
    return "hermes"


def stub_policy(client: ProveClient, format: str, max_decisions: int) -> Policy:
    from .policies.stub import StubPolicy

    read_only = {t.name: t.read_only for t in client.env.list_tools().tools}
    return StubPolicy(format, read_only, max_decisions)


# ---- the command line shared by `python -m prove_trainer.eval` and `… .bfcl` ----------------


def add_policy_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--policy", default="", help="oracle, none, stub, a run folder, a checkpoint folder or a Hugging Face model folder (not with --endpoint)")
    p.add_argument("--endpoint", default="", help="an OpenAI-compatible chat endpoint, e.g. http://127.0.0.1:8000/v1 (key: $OPENAI_API_KEY)")
    p.add_argument("--model", default="", help="the model name the endpoint serves")
    p.add_argument("--format", default=None, help="tool-call format of oracle/none/stub: hermes, granite or openai (a run folder keeps its own)")
    p.add_argument("--checkpoint", default=None, help="a run folder's checkpoint to load (default: its latest), e.g. step-000040")
    p.add_argument("--seed", type=int, default=0, help="seed of the policy's sampling")
    p.add_argument("--temperature", type=float, default=None, help="sampling temperature (endpoint default 0; a run folder keeps its own)")
    p.add_argument("--max-new-tokens", type=int, default=None, help="tokens one assistant message may generate")
    p.add_argument("--concurrency", type=int, default=8, help="trajectories in flight at once (endpoint requests in parallel)")
    p.add_argument("--device", default="auto", help="torch device of a language model: auto, cpu, cuda")


def policy_from_args(args: argparse.Namespace, client: ProveClient, oracle: Script) -> Policy:
    """The policy the command line names (``oracle`` is the benchmark's ground-truth script), with
    the random generators seeded from ``--seed`` once it is built: building a tiny model reseeds
    torch with the run's seed, and sampling must follow ``--seed`` whatever was loaded."""
    policy = _policy(args, client, oracle)
    random.seed(args.seed)
    try:
        import torch

        torch.manual_seed(args.seed)
    except ImportError:  # oracle, none and endpoints need no torch
        pass
    return policy


def _policy(args: argparse.Namespace, client: ProveClient, oracle: Script) -> Policy:
    fmt = args.format or "hermes"
    if args.endpoint:
        if args.policy:
            raise ValueError("give either --endpoint (with --model) or --policy, not both")
        if not args.model:
            raise ValueError("--endpoint needs --model (the name the endpoint serves)")
        key = os.environ.get("PROVE_EVAL_API_KEY") or os.environ.get("OPENAI_API_KEY")
        return EndpointPolicy(
            args.endpoint, args.model, key, args.temperature if args.temperature is not None else 0.0, args.max_new_tokens or 1024, args.concurrency
        )
    if args.policy == "oracle":
        return ScriptedPolicy(fmt, oracle, "Done.")
    if args.policy == "none":
        return none_policy(fmt)
    if args.policy == "stub":
        return stub_policy(client, fmt, 10)
    if not args.policy:
        raise ValueError("name a policy: --policy oracle|none|stub|RUN_DIR|CHECKPOINT|MODEL_DIR, or --endpoint URL --model NAME")
    if not os.path.exists(args.policy):
        raise ValueError(f"--policy {args.policy!r}: not oracle, none or stub, and no such folder")
    return load_trained(args.policy, client, PolicyOptions(args.format, args.seed, args.temperature, args.max_new_tokens, args.device, args.checkpoint))


def with_service(prog: str, server: str, body: Callable[[ProveClient], int]) -> int:
    """Runs ``body`` with a client of the service (its token from $PROVE_TOKEN); a mistake the
    user can fix (a bad option, a missing folder, an endpoint or service that fails) is one line
    on stderr and exit status 2, not a traceback."""
    client = ProveClient(server, token=os.environ.get("PROVE_TOKEN") or None, timeout=600)
    try:
        client.wait_ready(30)
        return body(client)
    except (ValueError, FileNotFoundError, EndpointError, ProveError) as err:
        print(f"{prog}: {err}", file=sys.stderr)
        return 2
    finally:
        client.close()
