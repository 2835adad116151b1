"""The evaluation policies: scripted messages in each tool-call format, and the endpoint client's
conversation, retries and errors (against a local HTTP server; nothing leaves the machine)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from prove_trainer.client import StepResult, Status
from prove_trainer.eval_policies import EndpointError, EndpointPolicy, ScriptedPolicy, none_policy, render_message
from prove_trainer.policies.base import TaskView

TASK = TaskView("t-1", "You help.", ["first", "second"], [{"type": "function", "function": {"name": "get_balance", "parameters": {"type": "object"}}}])


def test_scripted_messages_in_each_format():
    calls = [("get_balance", {"account_id": "ACC-1"}), ("freeze_card", {"card_id": "C-2"})]
    assert (
        render_message(calls, "hermes")
        == '<tool_call>\n{"name": "get_balance", "arguments": {"account_id": "ACC-1"}}\n</tool_call>\n<tool_call>\n{"name": "freeze_card", "arguments": {"card_id": "C-2"}}\n</tool_call>'
    )
    openai = json.loads(render_message(calls, "openai"))
    assert [c["function"]["name"] for c in openai["tool_calls"]] == ["get_balance", "freeze_card"]
    assert json.loads(openai["tool_calls"][1]["function"]["arguments"]) == {"card_id": "C-2"}

    policy = ScriptedPolicy("openai", lambda view: [[calls[:1], "Balance is 5."], ["Bye."]], "fallback")
    ctx = policy.begin(TASK)
    texts = [g.text for g in policy.generate([ctx], seed=0) + policy.generate([ctx], seed=0) + policy.generate([ctx], seed=0)]
    assert json.loads(texts[0])["tool_calls"][0]["function"]["name"] == "get_balance"
    assert json.loads(texts[1]) == {"content": "Balance is 5."}  # OpenAI text is wrapped: it could look like JSON
    assert json.loads(texts[2]) == {"content": "fallback"}
    policy.add_user_turn(ctx, "second")
    assert json.loads(policy.generate([ctx], seed=0)[0].text) == {"content": "Bye."}
    assert none_policy("hermes").generate([none_policy("hermes").begin(TASK)], seed=0)[0].text.startswith("I'm sorry")


class _Fake(BaseHTTPRequestHandler):
    answers = []
    bodies = []

    def do_POST(self):
        _Fake.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        status, body = _Fake.answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *args):
        pass


@pytest.fixture()
def fake():
    server = HTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Fake.answers, _Fake.bodies = [], []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def _answer(message, finish="stop"):
    return 200, {"choices": [{"message": message, "finish_reason": finish}], "usage": {"completion_tokens": 7}}


def test_endpoint_conversation_keeps_the_models_call_ids_and_retries_server_errors(fake, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)
    call = {"id": "abc", "type": "function", "function": {"name": "get_balance", "arguments": '{"account_id": "ACC-1"}'}}
    _Fake.answers = [
        (503, {"error": "busy"}),
        _answer({"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"),
        _answer({"role": "assistant", "content": "5 dollars"}),
    ]
    policy = EndpointPolicy(fake, "m", api_key="k", retries=2)
    ctx = policy.begin(TASK)
    first = policy.generate([ctx], seed=0)[0]
    assert json.loads(first.text) == {"content": None, "tool_calls": [call]} and first.units == 7 and not first.truncated
    # The environment numbers tool results call_0…; the endpoint must see its own ids.
    step = StepResult(
        "s", [], [], "", [{"role": "tool", "tool_call_id": "call_0", "name": "get_balance", "content": '{"balance": 5}'}], "", "ok", "", Status(0, "")
    )
    policy.add_tool_results(ctx, step)
    second = policy.generate([ctx], seed=0)[0]
    assert json.loads(second.text) == {"content": "5 dollars"}
    sent = _Fake.bodies[-1]
    assert sent["model"] == "m" and sent["tools"] == TASK.tools and sent["temperature"] == 0.0
    assert [m["role"] for m in sent["messages"]] == ["system", "user", "assistant", "tool"]
    assert sent["messages"][3] == {"role": "tool", "tool_call_id": "abc", "content": '{"balance": 5}'}


def test_endpoint_gives_up_with_a_clear_error(fake, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda s: None)
    _Fake.answers = [(400, {"error": "bad model"})]
    with pytest.raises(EndpointError, match="HTTP 400"):
        EndpointPolicy(fake, "m", retries=3).generate([EndpointPolicy(fake, "m").begin(TASK)], seed=0)
    assert len(_Fake.bodies) == 1  # a request the server calls wrong is not retried
    _Fake.answers = [(500, {})] * 3
    with pytest.raises(EndpointError, match="HTTP 500"):
        EndpointPolicy(fake, "m", retries=2).generate([EndpointPolicy(fake, "m").begin(TASK)], seed=0)
    with pytest.raises(ValueError, match="http"):
        EndpointPolicy("file:///etc/passwd", "m")
