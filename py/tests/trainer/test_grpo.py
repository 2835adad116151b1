"""GRPO's pure functions against values computed by hand."""

import math

import pytest
import torch

from prove_trainer.grpo import aggregate, group_advantages, kl_k3, micro_weight, policy_loss, truncated_is


def test_advantages_are_group_normalised_with_the_population_std():
    # rewards 1, 2, 3: mean 2, population std sqrt(2/3) = 0.8165
    adv = group_advantages(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([True, True, True]), eps=0.0)
    assert adv.advantages.tolist() == pytest.approx([-1.2247449, 0.0, 1.2247449], abs=1e-6)
    assert not adv.zero_variance


def test_advantages_without_std_scaling_are_centred_rewards():
    adv = group_advantages(torch.tensor([0.5, 1.5]), torch.tensor([True, True]), scale=False)
    assert adv.advantages.tolist() == pytest.approx([-0.5, 0.5])


def test_masked_members_leave_the_statistics_and_get_no_advantage():
    # The env failure (reward 0, masked) must not pull the mean down: 2 and 4 give mean 3, std 1.
    adv = group_advantages(torch.tensor([2.0, 0.0, 4.0]), torch.tensor([True, False, True]), eps=0.0)
    assert adv.advantages.tolist() == pytest.approx([-1.0, 0.0, 1.0])


def test_groups_with_equal_rewards_give_no_gradient_and_are_flagged():
    adv = group_advantages(torch.tensor([0.7, 0.7, 0.7, 0.7]), torch.tensor([True] * 4))
    assert adv.zero_variance and adv.advantages.tolist() == [0.0] * 4
    # A single counted member cannot be compared with anything either.
    lone = group_advantages(torch.tensor([0.2, 0.9]), torch.tensor([True, False]))
    assert lone.zero_variance and lone.advantages.tolist() == [0.0, 0.0]


VALUES = torch.tensor([[1.0, 2.0, 3.0, 0.0], [4.0, 0.0, 0.0, 0.0]])
MASK = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])


def test_grpo_aggregation_is_the_mean_of_per_sequence_means():
    # sequence means 2 and 4 -> 3
    assert float(aggregate(VALUES, MASK, "grpo")) == pytest.approx(3.0)


def test_dapo_aggregation_is_the_mean_over_all_tokens():
    # (1 + 2 + 3 + 4) / 4 tokens
    assert float(aggregate(VALUES, MASK, "dapo")) == pytest.approx(2.5)


def test_dr_grpo_aggregation_divides_by_a_constant_length():
    # sum 10 / (2 sequences x 10)
    assert float(aggregate(VALUES, MASK, "dr_grpo", max_len=10)) == pytest.approx(0.5)


def test_unknown_aggregation_is_refused():
    with pytest.raises(ValueError, match="grpo, dr_grpo, dapo"):
        aggregate(VALUES, MASK, "mean")


def test_kl_k3_by_hand():
    logp = torch.tensor([math.log(0.5), math.log(0.2)])
    ref = torch.tensor([math.log(0.25), math.log(0.2)])
    # exp(q-p) - (q-p) - 1 with q-p = log(0.5): 0.5 + 0.693147 - 1 = 0.193147; equal log-probs give 0
    assert kl_k3(logp, ref).tolist() == pytest.approx([0.1931472, 0.0], abs=1e-6)


def test_on_policy_loss_is_minus_the_advantage_weighted_mean():
    logp = torch.zeros(2, 3)
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]])
    out = policy_loss(logp, logp.clone(), torch.tensor([1.0, -2.0]), mask, aggregation="grpo")
    # ratio 1: per-token loss -A; sequence means -1 and 2; mean 0.5
    assert float(out["loss"]) == pytest.approx(0.5)
    assert float(out["clip_fraction"]) == 0.0 and float(out["kl"]) == 0.0


def test_clipping_by_hand():
    # ratio e^0.5 = 1.6487 with A = +1: clipped at 1.2 -> loss -1.2, clip taken
    # ratio e^-0.5 = 0.6065 with A = -1: clipped at 0.8 -> min(-0.6065, -0.8) = -0.8 -> loss 0.8, clip taken
    # ratio 1.1 with A = +1 inside the range: loss -1.1
    logp = torch.tensor([[0.5], [-0.5], [math.log(1.1)]])
    out = policy_loss(logp, torch.zeros(3, 1), torch.tensor([1.0, -1.0, 1.0]), torch.ones(3, 1), aggregation="dapo", clip_low=0.2, clip_high=0.2)
    assert float(out["pg_loss"]) == pytest.approx((-1.2 + 0.8 - 1.1) / 3, abs=1e-6)
    assert float(out["clip_fraction"]) == pytest.approx(2 / 3)


def test_clip_higher_lets_a_favoured_token_rise_further():
    logp = torch.tensor([[0.24]])  # ratio e^0.24 = 1.2712: over 1.2, under 1.28
    low = policy_loss(logp, torch.zeros(1, 1), torch.tensor([1.0]), torch.ones(1, 1), clip_high=0.2)
    high = policy_loss(logp, torch.zeros(1, 1), torch.tensor([1.0]), torch.ones(1, 1), clip_high=0.28)
    assert float(low["pg_loss"]) == pytest.approx(-1.2, abs=1e-6)
    assert float(high["pg_loss"]) == pytest.approx(-1.2712492, abs=1e-6)


def test_kl_term_is_added_with_its_weight():
    logp = torch.tensor([[math.log(0.5)]])
    ref = torch.tensor([[math.log(0.25)]])
    out = policy_loss(logp, logp.clone(), torch.tensor([0.0]), torch.ones(1, 1), ref_logp=ref, kl_beta=0.01)
    assert float(out["kl"]) == pytest.approx(0.1931472, abs=1e-6)
    assert float(out["loss"]) == pytest.approx(0.001931472, abs=1e-8)


def test_gradient_pushes_up_the_log_prob_of_an_advantaged_token():
    logp = torch.zeros(1, 2, requires_grad=True)
    policy_loss(logp, logp.detach(), torch.tensor([2.0]), torch.tensor([[1.0, 0.0]]))["loss"].backward()
    # d(-A * ratio)/dlogp = -A on the trained token (mean over one token), 0 on the masked one
    assert logp.grad.tolist() == [[-2.0, 0.0]]


@pytest.mark.parametrize("mode", ["grpo", "dr_grpo", "dapo"])
def test_micro_batches_weighted_sum_to_the_whole_batch_loss(mode):
    torch.manual_seed(0)
    logp = torch.randn(5, 6) * 0.1
    old = torch.randn(5, 6) * 0.1
    adv = torch.randn(5)
    mask = (torch.rand(5, 6) > 0.3).float()
    mask[2] = 0  # a sequence without trained tokens
    whole = policy_loss(logp, old, adv, mask, aggregation=mode, max_len=6)["loss"]
    tokens, sequences = float(mask.sum()), float((mask.sum(-1) > 0).sum())
    parts = 0.0
    for rows in (slice(0, 2), slice(2, 5)):
        out = policy_loss(logp[rows], old[rows], adv[rows], mask[rows], aggregation=mode, max_len=6)["loss"]
        parts += float(out) * micro_weight(mode, mask[rows], tokens, sequences, 5)
    assert parts == pytest.approx(float(whole), abs=1e-6)


def test_truncated_importance_weights_by_hand():
    # trainer/sampler probability ratios e^0.1 = 1.1052 (kept) and e^1 = 2.7183 (truncated at 2)
    old = torch.tensor([[0.1, 1.0, 0.0]])
    sampler = torch.zeros(1, 3)
    mask = torch.tensor([[1.0, 1.0, 0.0]])
    out = truncated_is(old, sampler, mask, cap=2.0)
    assert out["weights"][0, :2].tolist() == pytest.approx([1.1051709, 2.0])
    assert float(out["is_ratio_mean"]) == pytest.approx((1.1051709 + 2.7182818) / 2)
    assert float(out["is_truncated"]) == pytest.approx(0.5)
    # The weights scale each token's surrogate: on-policy ratio 1, A = 1 -> loss -w per token.
    loss = policy_loss(torch.zeros(1, 3), torch.zeros(1, 3), torch.tensor([1.0]), mask, aggregation="dapo", is_weights=out["weights"])
    assert float(loss["pg_loss"]) == pytest.approx(-(1.1051709 + 2.0) / 2)
