"""BFCL multi-turn through bfcl-eval's own data, execution classes and checker (py/prove_trainer/bfcl.py).

The harness is trusted only if the two reference policies land where they must: the oracle (BFCL's
ground truth, written in the policy's tool-call format and read back by the environment's parser)
at or near 100% and ``none`` (never calls) near 0%, on every entry of the base category.
"""

import json

import pytest

from prove_trainer import ProveClient
from prove_trainer.bfcl import (
    CATEGORIES,
    bfcl,
    check,
    class_methods,
    execution_string,
    forget,
    load_category,
    new_game,
    openai_tools,
    oracle_script,
    parse_ground_truth,
    play,
    run,
    summarize,
)
from prove_trainer.eval_policies import ScriptedPolicy, none_policy


@pytest.fixture(scope="module")
def client(target):
    with ProveClient(target, timeout=60) as c:
        yield c.wait_ready()


@pytest.fixture(scope="module")
def base():
    return load_category("base")


def _oracle(loaded, format="hermes"):
    return ScriptedPolicy(format, oracle_script({e["id"]: (e, t) for es, ts in loaded.values() for e, t in zip(es, ts)}), "Done.")


def test_the_package_carries_its_multi_turn_data():
    for category in CATEGORIES:
        entries, truth = load_category(category)
        assert len(entries) == len(truth) == 200
        assert all(e["function"] for e in entries)
    with pytest.raises(ValueError, match="unknown BFCL multi-turn category"):
        load_category("live_simple")


def test_oracle_scores_at_least_95_percent_and_none_at_most_5_on_all_200_base_entries(client, base, tmp_path):
    loaded = {"base": base}
    oracle = run(client, _oracle(loaded), loaded, 0, str(tmp_path / "oracle.jsonl"), 200)
    none = run(client, none_policy("hermes"), loaded, 0, str(tmp_path / "none.jsonl"), 200)
    assert oracle["base"]["total"] == none["base"]["total"] == 200
    assert oracle["base"]["accuracy"] >= 0.95, oracle
    assert none["base"]["accuracy"] <= 0.05, none
    lines = [json.loads(line) for line in open(tmp_path / "none.jsonl")]
    assert {line["error_type"] for line in lines} == {"multi_turn:empty_turn_model_response"}


def test_the_oracle_in_openai_format_passes_the_missing_function_and_parameter_turns(client, tmp_path):
    loaded = {c: tuple(x[:15] for x in load_category(c)) for c in ("miss_func", "miss_param")}
    summary = run(client, _oracle(loaded, "openai"), loaded, 0, str(tmp_path / "miss.jsonl"), 30)
    assert summary["miss_func"] == {"accuracy": 1.0, "correct": 15, "total": 15}
    assert summary["miss_param"] == {"accuracy": 1.0, "correct": 15, "total": 15}


def test_functions_render_as_bfcl_renders_them_for_openai_models(base):
    docs = {d["name"]: d for e, _ in zip(*base) for d in e["function"]}
    cd = openai_tools([docs["cd"]])[0]
    assert cd["type"] == "function"
    assert cd["function"]["name"] == "cd"
    assert cd["function"]["parameters"] == {
        "type": "object",
        "properties": {
            "folder": {"type": "string", "description": "The folder of the directory to change to. You can only change one folder level at a time. "}
        },
        "required": ["folder"],
    }
    doc = {
        "name": "add",
        "description": "Add two numbers.",
        "parameters": {
            "type": "dict",
            "properties": {"a": {"type": "float", "description": "First number."}, "xs": {"type": "array", "items": {"type": "float"}, "description": "More."}},
            "required": ["a"],
        },
    }
    add = openai_tools([doc])[0]["function"]["parameters"]
    assert add["properties"]["a"] == {"type": "number", "format": "float", "description": "First number. This is a float type value."}
    assert add["properties"]["xs"] == {"type": "array", "items": {"type": "number"}, "description": "More."}
    assert doc["parameters"]["type"] == "dict"  # the entry's own documents are left as they were


def test_ground_truth_with_positional_arguments_becomes_keyword_calls():
    methods = class_methods(["GorillaFileSystem", "TwitterAPI"])
    assert parse_ground_truth("sort('final_report.pdf')", methods) == ("sort", {"file_name": "final_report.pdf"})
    assert parse_ground_truth("tail(file_name='log.txt',lines=20)", methods) == ("tail", {"file_name": "log.txt", "lines": 20})
    with pytest.raises(ValueError):
        parse_ground_truth("__import__('os')", methods)


def test_only_methods_of_the_entry_classes_with_literal_arguments_ever_reach_bfcls_eval():
    methods = class_methods(["GorillaFileSystem"])
    assert execution_string("cd", {"folder": "docs"}, methods) == ("cd(folder='docs')", "")
    # A string that tries to close the call and run code stays one string literal.
    text, _ = execution_string("cd", {"folder": "x'); __import__('os').system('true'); ('"}, methods)
    assert text == "cd(folder=\"x'); __import__('os').system('true'); ('\")"
    for name in ("open", "__import__", "exec", "eval", "os.system", "cd; x"):
        assert execution_string(name, {}, methods) == (None, f"Error during execution: name '{name}' is not defined")
    assert execution_string("cd", {"folder=1,x": 2}, methods)[0] is None
    assert execution_string("cd", ["docs"], methods)[0] is None


def test_a_call_to_a_builtin_is_answered_with_bfcls_error_and_never_run(client, base, tmp_path):
    target_file = tmp_path / "pwned"

    def script(view):
        return [[[("open", {"file": str(target_file), "mode": "w"}), ("__import__", {"name": "os"}), ("pwd", {})]]]

    policy = ScriptedPolicy("hermes", script, "Done.")
    game = new_game(base[0][0], base[1][0], "base", policy, "prove_test_builtin")
    play(client, policy, [game])
    try:
        assert not target_file.exists()
        tools = [m for m in game.transcript if m["role"] == "tool"]
        assert [m["content"] for m in tools[:2]] == [
            "Error during execution: name 'open' is not defined",
            "Error during execution: name '__import__' is not defined",
        ]
        assert game.decoded[0] == [["pwd()"]]  # only the method call goes on to BFCL's checker
        assert check(game)["valid"] is False
    finally:
        forget(game)


def test_bfcls_step_limit_force_quits_an_entry(client, base):
    def script(view):
        return [[[("pwd", {})]] * 30]

    policy = ScriptedPolicy("hermes", script, "Done.")
    game = new_game(base[0][0], base[1][0], "base", policy, "prove_test_forced")
    play(client, policy, [game])
    try:
        assert game.forced and game.steps == 21  # BFCL quits once the count passes 20
        verdict = check(game)
        assert verdict["valid"] is False and verdict["error_type"] == "multi_turn:force_terminated"
    finally:
        forget(game)


def test_a_missing_function_turn_says_what_bfcl_says(base):
    entries, truth = load_category("miss_func")
    entry = entries[0]
    turn = int(next(iter(entry["missed_function"])))
    prompts = bfcl()[1]
    text = new_game(entry, truth[0], "miss_func", none_policy("hermes"), "x").view.users[turn]
    assert text == prompts.DEFAULT_USER_PROMPT_FOR_ADDITIONAL_FUNCTION_PROMPTING.format(functions=entry["missed_function"][str(turn)])

    class WithTools(ScriptedPolicy):
        def add_tools(self, context, tools):
            pass

    fc = new_game(entry, truth[0], "miss_func", WithTools("openai", lambda v: []), "x").view.users[turn]
    assert fc == prompts.DEFAULT_USER_PROMPT_FOR_ADDITIONAL_FUNCTION_FC


def test_accuracy_is_correct_over_total_per_category_and_overall_is_their_unweighted_mean():
    lines = [{"category": "base", "valid": v} for v in (True, True, False, True)] + [{"category": "miss_func", "valid": v} for v in (False, True)]
    assert summarize(lines) == {
        "base": {"accuracy": 0.75, "correct": 3, "total": 4},
        "miss_func": {"accuracy": 0.5, "correct": 1, "total": 2},
        "overall": {"accuracy": 0.625, "categories": 2},
    }
