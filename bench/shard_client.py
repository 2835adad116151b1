"""One trainer-like client process of `npm run bench shards`: the Python client
(py/prove_trainer/client.py) over every shard, holding one GRPO group of 256 forked sessions per
shard and advancing all of them with one ``step_batch`` per round (split by the client into one
StepBatch RPC of 256 per shard, sent at once). As in training, a group lives for one rollout
(ROLLOUT rounds), then is closed and forked again from its root, inside the timed phase.

usage: shard_client.py TARGETS GROUP
  prints "ready" once its groups exist, then for each line on stdin
  "read SECONDS" / "write SECONDS": runs rounds for that long and prints {"steps", "seconds", "rpcs"};
  "quit": closes its sessions and exits.
"""

from __future__ import annotations

import json
import sys
import time

from prove_trainer.client import ProveClient

READ = '<tool_call>{"name":"get_balance","arguments":{"account_id":"ACC-1001"}}</tool_call>'
# The write of bench/trainer_client.py: always succeeds, changes 2 accounts and adds 3 transactions.
WRITE = '<tool_call>{"name":"transfer_between_accounts","arguments":{"from_account_id":"ACC-1001","to_account_id":"ACC-1002","amount":0.01}}</tool_call>'


# Rounds a group lives: a rollout of the paper's mix makes 3-8 calls over 2-3 user turns.
ROLLOUT = 10


def main() -> None:
    targets, group = sys.argv[1], int(sys.argv[2])
    client = ProveClient(targets, timeout=120).wait_ready(30)
    shards = len(client.targets)
    # New sessions go round-robin, so `shards` roots land one on each shard; each forks its group there.
    roots = [client.env.create_session(["banking"], seed="1").session_id for _ in range(shards)]
    if len({r.split("-")[0] for r in roots}) != shards:
        raise SystemExit(f"roots did not spread over the shards: {roots}")

    def fork() -> list:
        return [s.session_id for r in roots for s in client.env.fork(r, group)]

    ids = fork()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        text = READ if words[0] == "read" else WRITE
        seconds = float(words[1])
        steps = [(s, text, "hermes") for s in ids]
        rounds = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            results = client.env.step_batch(steps, state_hash=False)
            bad = next((r for r in results if r.outcome != "ok"), None)
            if bad is not None:
                raise SystemExit(f"step failed: {bad}")
            rounds += 1
            if rounds % ROLLOUT == 0:
                client.env.close(ids)
                ids = fork()
                steps = [(s, text, "hermes") for s in ids]
        elapsed = time.perf_counter() - t0
        print(json.dumps({"steps": rounds * len(ids), "seconds": elapsed, "rpcs": rounds * shards}), flush=True)
    client.env.close(roots + ids)
    client.close()


if __name__ == "__main__":
    main()
