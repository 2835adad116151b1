"""The trainer's side of `npm run bench baseline`: the Python client (py/prove_trainer/client.py),
in its own process as a trainer runs it, timing ForkSession, CallTool and StepBatch against a
running service. Prints one JSON object on stdout.

usage: trainer_client.py TARGET [--quick] [--forks-only DOMAIN,...]

--forks-only times ForkSession alone, for the named domains (a service seeded at 10× its size).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Any, Callable, Dict, List

from prove_trainer import _wire
from prove_trainer.client import ProveClient

QUICK = "--quick" in sys.argv
TARGET = sys.argv[1]
FORKS_ONLY = sys.argv[sys.argv.index("--forks-only") + 1].split(",") if "--forks-only" in sys.argv else None
BATCH = 256  # steps per StepBatch RPC, as a trainer sends a group's turn
READ = '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>'
# A write that always succeeds and changes 2 accounts and adds 3 transactions, as the issue measured.
WRITE = '<tool_call>{"name":"transfer_between_accounts","arguments":{"from_account_id":"ACC-1001","to_account_id":"ACC-1002","amount":0.01}}</tool_call>'


def pct(xs: List[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p * len(s)))]


def timed(fn: Callable[[], Any], repeats: int, warmup: int = 2) -> List[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def fork_many(client: ProveClient, root: str, n: int) -> List[str]:
    ids: List[str] = []
    while len(ids) < n:
        ids += [s.session_id for s in client.env.fork(root, min(1024, n - len(ids)))]
    return ids


def forks(client: ProveClient, roots: Dict[str, str]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    repeats = 5 if QUICK else 30
    for domain, root in roots.items():
        for n in (1, 16, 256):
            made: List[str] = []

            def fork(root: str = root, n: int = n, made: List[str] = made) -> None:
                made.extend(s.session_id for s in client.env.fork(root, n))

            times = timed(fork, repeats)
            client.env.close(made)
            med = statistics.median(times)
            out[f"{domain} n={n}"] = {
                "rpc_p50_us": round(med * 1e6, 1),
                "rpc_p99_us": round(pct(times, 0.99) * 1e6, 1),
                "us_per_session": round(med * 1e6 / n, 2),
            }
    return out


def call_latency(client: ProveClient, root: str) -> Dict[str, Any]:
    count = 200 if QUICK else 2000
    sid = client.env.fork(root, 1)[0].session_id
    out = {}
    for name, tool, args in (
        ("read get_balance", "get_balance", {"account_id": "ACC-1001"}),
        ("write transfer_between_accounts", "transfer_between_accounts", {"from_account_id": "ACC-1001", "to_account_id": "ACC-1002", "amount": 0.01}),
    ):
        times = timed(lambda tool=tool, args=args: client.env.call_tool(sid, tool, args), count, warmup=50)
        out[name] = {"p50_us": round(pct(times, 0.5) * 1e6, 1), "p99_us": round(pct(times, 0.99) * 1e6, 1), "calls_per_s": round(len(times) / sum(times))}
    client.env.close([sid])
    return out


def step_throughput(client: ProveClient, root: str) -> Dict[str, Any]:
    """Steps/s with S live sessions, advanced a round at a time in StepBatch RPCs of up to 256."""
    out: Dict[str, Any] = {}
    rounds = 3 if QUICK else 12
    for kind, text in (("read", READ), ("write", WRITE)):
        for sessions in (1, 16, 256, 4096):
            ids = fork_many(client, root, sessions)
            chunks = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]

            def one_round(chunks: List[List[str]] = chunks, text: str = text) -> None:
                for chunk in chunks:
                    results = client.env.step_batch([(s, text, "hermes") for s in chunk], state_hash=False)
                    bad = [r for r in results if r.outcome != "ok"]
                    if bad:
                        raise RuntimeError(f"step failed: {bad[0]}")

            times = timed(one_round, rounds, warmup=1)
            med = statistics.median(times)
            out[f"{kind} sessions={sessions}"] = {"steps_per_s": round(sessions / med), "round_p50_ms": round(med * 1e3, 2), "rpcs_per_round": len(chunks)}
            client.env.close(ids)
    return out


def read_as_a_rollout(results: List[Any]) -> None:
    """Reads what the trainer's rollout reads of each result (py/prove_trainer/rollout.py): the
    client decodes the rest only when read, so timing the call alone would flatter it."""
    read = 0
    for r in results:
        if r.status.ok:
            read += len([c.result.outcome for c in r.calls]) + len(r.format_errors)
            read += sum(len(m.get("content", "")) for m in r.tool_messages)
    if not read:
        raise RuntimeError("the StepBatch results held nothing to read")


def decode_cost(client: ProveClient, root: str) -> Dict[str, Any]:
    """One StepBatch of 256 reads: the typed client (and what a rollout reads of it) against the raw stub (bytes, no decoding)."""
    ids = fork_many(client, root, BATCH)
    repeats = 5 if QUICK else 30
    typed = timed(lambda: read_as_a_rollout(client.env.step_batch([(s, READ, "hermes") for s in ids])), repeats)
    stub, request = client.env._stub("StepBatch", raw=True)
    item = _wire.message("StepRequest")
    fmt = _wire.enum_number("ToolCallFormat", "TOOL_CALL_FORMAT_HERMES")

    def raw() -> None:
        stub(request(steps=[item(session_id=s, assistant_text=READ, format=fmt, turn=0) for s in ids]), timeout=60)

    raws = timed(raw, repeats)
    client.env.close(ids)
    t, r = statistics.median(typed), statistics.median(raws)
    return {
        "typed_ms": round(t * 1e3, 2),
        "raw_stub_ms": round(r * 1e3, 2),
        "typed_over_raw": round(t / r, 2),
        "typed_steps_per_s": round(BATCH / t),
        "raw_steps_per_s": round(BATCH / r),
    }


def main() -> None:
    client = ProveClient(TARGET, timeout=120).wait_ready()
    if FORKS_ONLY:
        roots = {d: client.env.create_session([d], seed=1).session_id for d in FORKS_ONLY}
        json.dump({"fork": forks(client, roots)}, sys.stdout)
        client.close()
        return
    roots = {d: client.env.create_session([d], seed=1).session_id for d in ("banking", "filesystem", "shopping")}
    out = {
        "fork": forks(client, roots),
        "call_tool": call_latency(client, roots["banking"]),
        "step_batch": step_throughput(client, roots["banking"]),
        "decode": decode_cost(client, roots["banking"]),
    }
    client.close()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
