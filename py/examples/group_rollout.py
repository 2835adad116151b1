"""A hand-written GRPO-style rollout against the PROVE service, in ~40 lines.

Run the service (`npx prove serve`), then: `python py/examples/group_rollout.py [host:port]`.
`policy()` stands in for your model: plug in `model.generate` (HF, vLLM, an API) and keep the rest.
"""

import json
import sys

from prove_trainer import ProveClient

GROUP = 4


def policy(prompt_messages, member):
    """Your model goes here. This stand-in asks for balances, one account per group member."""
    account = f"ACC-{1001 + member % 3}"
    return f'Let me look.<tool_call>{{"name": "get_balance", "arguments": {{"account_id": "{account}"}}}}</tool_call>'


def main(target="127.0.0.1:50051"):
    with ProveClient(target).wait_ready() as prove:
        root = prove.env.create_session(["banking"], seed="7")
        tools = prove.env.list_tools(session_id=root.session_id).openai_tools  # -> apply_chat_template(tools=...)
        group = prove.env.fork(root.session_id, GROUP)  # every member starts from the same state
        conversations = [[{"role": "user", "content": "What's in my accounts?"}] for _ in group]

        # One RPC advances the whole group by one assistant turn.
        outputs = [policy(conv, i) for i, conv in enumerate(conversations)]
        results = prove.env.step_batch([(s.session_id, text, "hermes", 0) for s, text in zip(group, outputs)])
        for conv, text, result in zip(conversations, outputs, results):
            conv.append({"role": "assistant", "content": text})
            conv.extend(result.tool_messages)  # results as chat messages, ready for the next turn

        for i, (conv, result) in enumerate(zip(conversations, results)):
            print(f"member {i}: {result.outcome}, {len(result.calls)} call(s), last message: {json.dumps(conv[-1])[:100]}")
        print(f"{len(tools)} tools offered; group of {GROUP} closed:", prove.env.close([s.session_id for s in group] + [root.session_id]).closed)


if __name__ == "__main__":
    main(*sys.argv[1:])
