"""The stub policy's candidate moves and its learning step, without a service."""

import torch

from prove_trainer.client import CallResult, ParsedCall, Status, StepResult
from prove_trainer.policies.base import TaskView
from prove_trainer.policies.candidates import Observations, candidates, render_call
from prove_trainer.policies.stub import StubPolicy

TOOLS = [
    {
        "type": "function",
        "function": {"name": "list_saved_places", "description": "Saved places.", "parameters": {"type": "object", "properties": {}, "required": []}},
    },
    {
        "type": "function",
        "function": {
            "name": "remove_saved_place",
            "description": "Remove one.",
            "parameters": {
                "type": "object",
                "properties": {"saved_place_id": {"type": "string", "description": "The saved place, e.g. SAV-1002."}},
                "required": ["saved_place_id"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "update_saved_place",
            "description": "Change one.",
            "parameters": {
                "type": "object",
                "properties": {"saved_place_id": {"type": "string"}, "note": {"type": "string"}, "label": {"type": "string"}},
                "required": ["saved_place_id"],
            },
        },
    },
    {
        "type": "function",
        "function": {
            "name": "reserve_for_pickup",
            "description": "Hold stock.",
            "parameters": {
                "type": "object",
                "properties": {
                    "store_id": {"type": "string"},
                    "sku_id": {"type": "string"},
                    "quantity": {"type": "integer"},
                    "mode": {"type": "string", "enum": ["standard", "curbside_pickup"]},
                },
                "required": ["store_id", "sku_id", "quantity"],
            },
        },
    },
]


def _calls(text, obs=None):
    obs = obs or Observations()
    obs.add_user_text(text)
    return {c.tool: c for c in candidates(TOOLS, obs, text) if c.kind == "call"}, obs


def test_ids_go_to_the_parameter_whose_entity_their_prefix_spells():
    calls, _ = _calls("Reserve 3 of SKU-10003 at the Denver store STR-112, curbside pickup please.")
    assert calls["reserve_for_pickup"].arguments == {"store_id": "STR-112", "sku_id": "SKU-10003", "quantity": 3, "mode": "curbside_pickup"}
    assert calls["reserve_for_pickup"].fill == "user"


def test_a_value_introduced_by_the_parameter_name_fills_that_parameter():
    calls, _ = _calls('Update the saved place "Work" (SAV-1002) with note "Ask for a table by the window".')
    assert calls["update_saved_place"].arguments == {"saved_place_id": "SAV-1002", "note": "Ask for a table by the window"}


def test_without_an_id_a_lookup_result_supplies_the_best_matching_item():
    calls, obs = _calls("Please remove my saved place Work.")
    assert "remove_saved_place" not in calls and "list_saved_places" in calls
    obs.add_result({"items": [{"id": "SAV-1001", "name": "Home"}, {"id": "SAV-1002", "name": "Work"}]})
    again = {c.tool: c for c in candidates(TOOLS, obs, "Please remove my saved place Work.") if c.kind == "call"}
    assert again["remove_saved_place"].arguments == {"saved_place_id": "SAV-1002"} and again["remove_saved_place"].fill == "result"


def test_a_request_for_a_tool_that_cannot_be_filled_offers_to_ask():
    obs = Observations()
    text = "Remove one of my saved places."
    obs.add_user_text(text)
    moves = candidates(TOOLS, obs, text)
    asks = [c for c in moves if c.kind == "ask"]
    assert {c.kind for c in moves} >= {"reply", "decline", "ask", "call"}
    assert asks[0].tool == "remove_saved_place" and asks[0].about == "The saved place, e.g. SAV-1002."


def test_calls_render_in_each_format():
    assert render_call("f", {"a": 1}, "hermes", "call_0") == '<tool_call>\n{"name": "f", "arguments": {"a": 1}}\n</tool_call>'
    assert (
        render_call("f", {"a": 1}, "openai", "call_0")
        == '{"content": null, "tool_calls": [{"id": "call_0", "type": "function", "function": {"name": "f", "arguments": "{\\"a\\": 1}"}}]}'
    )


def _stub():
    return StubPolicy("hermes", read_only={"list_saved_places": True}, max_decisions=10)


def test_sampling_log_probs_equal_the_recomputed_ones_and_training_favours_a_rewarded_move():
    stub = _stub()
    task = TaskView("t", "", ["Please remove my saved place Work."], TOOLS)
    contexts = [stub.begin(task) for _ in range(16)]
    texts = [g.text for g in stub.generate(contexts, seed=0)]
    logp, mask = stub.logprobs(contexts, grad=True)
    # Uniform at the start: every candidate has log-prob -log(n).
    n = len(contexts[0].decisions[0].features)
    assert torch.allclose(logp[:, 0], torch.full((16,), -torch.log(torch.tensor(float(n)))))
    assert torch.allclose(stub.ref_logprobs(contexts), logp.detach())
    # Reward the members that looked the places up; one gradient step makes that likelier.
    good = torch.tensor([1.0 if "list_saved_places" in t else -1.0 for t in texts])
    assert good.max() > 0
    optimizer = torch.optim.SGD(stub.parameters(), lr=1.0)
    (-(logp[:, 0] * good).mean()).backward()
    optimizer.step()
    probe = stub.begin(task)
    moves = candidates(TOOLS, probe.obs, probe.request)
    lookup = next(i for i, c in enumerate(moves) if c.tool == "list_saved_places")
    scores = stub._scores([stub._features(probe, c) for c in moves], stub.weight.detach())
    assert float(torch.softmax(scores, 0)[lookup]) > 1.5 / n


def test_the_stub_answers_with_what_its_calls_returned():
    stub = _stub()
    ctx = stub.begin(TaskView("t", "", ["Which places do I have saved?"], TOOLS))
    result = CallResult(0, "list_saved_places", {}, "ok", {"items": [{"id": "SAV-1001", "name": "Home"}]}, None, [], "", "s", Status(0, ""))
    stub.add_tool_results(ctx, StepResult("s", [ParsedCall("call_0", "list_saved_places", {}, result)], [], "", [], "", "ok", "", Status(0, "")))
    from prove_trainer.policies.stub import _reply

    assert _reply(ctx) == "Done. id SAV-1001; name Home."
