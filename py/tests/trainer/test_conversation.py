"""Token in, token out, and the loss mask, in both tiny chat families."""

import json

import pytest

from prove_trainer.chat_templates import FAMILIES
from prove_trainer.conversation import ChatRenderer, TokenConversation
from prove_trainer.tokenizer import train_tokenizer

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_balance",
            "description": "Balance of an account.",
            "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}}, "required": ["account_id"]},
        },
    }
]
SYSTEM = "You are a helpful assistant working for Ingrid Eriksen. Today is 2026-04-07."
USER_1 = "What is the balance of ACC-1001 and ACC-1002?"
CALLS = '<tool_call>\n{"name": "get_balance", "arguments": {"account_id": "ACC-1001"}}\n</tool_call>\n<tool_call>\n{"name": "get_balance", "arguments": {"account_id": "ACC-1002"}}\n</tool_call>'
RESULTS = [
    {"role": "tool", "name": "get_balance", "content": json.dumps({"balance": 120.5})},
    {"role": "tool", "name": "get_balance", "content": json.dumps({"balance": 7})},
]
ANSWER = "ACC-1001 holds 120.50 and ACC-1002 holds 7.00."
USER_2 = "Thanks! And the savings account?"
ANSWER_2 = "Which account is your savings account?"


def _messages(lead=""):
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": USER_1},
        {"role": "assistant", "content": lead + CALLS},
        *RESULTS,
        {"role": "assistant", "content": lead + ANSWER},
        {"role": "user", "content": USER_2},
        {"role": "assistant", "content": lead + ANSWER_2},
    ]


@pytest.fixture(scope="module", params=["granite4", "qwen3"])
def family(request):
    corpus = [json.dumps(TOOLS), SYSTEM, USER_1, CALLS, ANSWER, USER_2, ANSWER_2, *(m["content"] for m in RESULTS)] * 20
    tokenizer = train_tokenizer(request.param, corpus, 600)
    kwargs = {"enable_thinking": False} if request.param == "qwen3" else {}
    return request.param, tokenizer, ChatRenderer(tokenizer, kwargs)


def _play(tokenizer, renderer):
    """The conversation built turn by turn, as the rollout builds it: prompt, then generated ids, then deltas."""
    eos = tokenizer.eos_token_id
    conv = TokenConversation()
    conv.append(renderer.prompt(SYSTEM, USER_1, TOOLS), trainable=False)
    conv.append(renderer.encode(CALLS) + [eos], trainable=True)  # what the model "generated"
    conv.append(renderer.tool_results(RESULTS), trainable=False)
    conv.append(renderer.encode(ANSWER) + [eos], trainable=True)
    conv.append(renderer.user_turn(USER_2), trainable=False)
    conv.append(renderer.encode(ANSWER_2) + [eos], trainable=True)
    return conv


def test_turn_by_turn_ids_equal_the_template_rendering_of_the_whole_conversation(family):
    name, tokenizer, renderer = family
    conv = _play(tokenizer, renderer)
    # Qwen3 without thinking opens an empty reasoning block in every generation prompt; the model's
    # turns follow it (a re-rendered history would drop it: the drift token-out avoids).
    lead = "<think>\n\n</think>\n\n" if name == "qwen3" else ""
    whole = tokenizer.apply_chat_template(_messages(lead), tools=TOOLS, tokenize=False, **renderer.kwargs)
    # The template closes the last assistant turn with a newline the model never generates.
    assert whole.endswith(FAMILIES[name]["eos"] + "\n")
    assert conv.ids == tokenizer.encode(whole[:-1], add_special_tokens=False)


def test_loss_mask_covers_exactly_the_assistant_tokens(family):
    _, tokenizer, renderer = family
    conv = _play(tokenizer, renderer)
    trained = [t for t, m in zip(conv.ids, conv.mask) if m]
    eos = tokenizer.eos_token
    assert tokenizer.decode(trained, skip_special_tokens=False) == CALLS + eos + ANSWER + eos + ANSWER_2 + eos
    untrained = tokenizer.decode([t for t, m in zip(conv.ids, conv.mask) if not m], skip_special_tokens=False)
    for text in (SYSTEM, USER_1, USER_2, RESULTS[0]["content"], "<tool_response>", '"name": "get_balance"'):
        assert text in untrained
    assert ANSWER not in untrained


def test_the_families_place_tools_and_results_as_the_real_templates_do(family):
    name, tokenizer, renderer = family
    prompt = tokenizer.decode(renderer.prompt(SYSTEM, USER_1, TOOLS), skip_special_tokens=False)
    results = tokenizer.decode(renderer.tool_results(RESULTS), skip_special_tokens=False)
    assert "<tools>\n" + json.dumps(TOOLS[0], ensure_ascii=False) in prompt
    if name == "granite4":
        assert prompt.startswith("<|start_of_role|>system<|end_of_role|>" + SYSTEM + "\n\nYou are a helpful assistant with access to the following tools.")
        assert prompt.endswith("<|start_of_role|>user<|end_of_role|>" + USER_1 + "<|end_of_text|>\n<|start_of_role|>assistant<|end_of_role|>")
        assert (
            results
            == "\n<|start_of_role|>user<|end_of_role|>\n<tool_response>\n"
            + RESULTS[0]["content"]
            + "\n</tool_response>\n<tool_response>\n"
            + RESULTS[1]["content"]
            + "\n</tool_response><|end_of_text|>\n<|start_of_role|>assistant<|end_of_role|>"
        )
    else:
        assert prompt.startswith("<|im_start|>system\n" + SYSTEM + "\n\n# Tools\n")
        assert prompt.endswith("<|im_start|>user\n" + USER_1 + "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n")
        assert (
            results
            == "\n<|im_start|>user\n<tool_response>\n"
            + RESULTS[0]["content"]
            + "\n</tool_response>\n<tool_response>\n"
            + RESULTS[1]["content"]
            + "\n</tool_response><|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
        )


def test_a_template_that_rewrites_history_is_refused():
    class Rewriting:
        eos_token = "<e>"

        def apply_chat_template(self, messages, tools=None, tokenize=False, add_generation_prompt=False):
            # Renders the last assistant turn differently once anything follows it.
            return "".join(("*" if i < len(messages) - 1 else "") + m["content"] + "<e>" for i, m in enumerate(messages))

    with pytest.raises(ValueError, match="renders earlier turns differently"):
        ChatRenderer(Rewriting()).user_turn("hi")
