"""Several trainer processes (torchrun): one per GPU, or several on a CPU with gloo for tests.

Each rank rolls out its share of the batch's tasks against the same environment service, then
all ranks train in lockstep on one FSDP2-sharded model. Everything collective lives here: the
process group, sharding, the all-reduces of loss normalisers and metrics, and gathering a full
copy of the weights for generation (ranks generate independently, as many tokens as they need,
so no rank waits on another's sampling).

Resuming needs the same number of processes; the policy's saved weights are full (rank 0
writes them), so ``prove export`` and single-process evaluation read them as they are.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional, Sequence

import torch


class Dist:
    """This process's place among the trainer's processes (a single process is rank 0 of 1)."""

    def __init__(self, world: Optional[int] = None) -> None:
        self.world = int(os.environ.get("WORLD_SIZE", "1")) if world is None else world
        self.rank = int(os.environ.get("RANK", "0")) if world is None else 0
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if self.active and not torch.distributed.is_initialized():
            backend = "nccl" if torch.cuda.is_available() else "gloo"
            if torch.cuda.is_available():
                torch.cuda.set_device(self.local_rank)
            torch.distributed.init_process_group(backend)

    @classmethod
    def local(cls) -> "Dist":
        """This process alone, whatever launched it (a policy that only generates, inside another trainer)."""
        return cls(world=1)

    @property
    def active(self) -> bool:
        return self.world > 1

    @property
    def main(self) -> bool:
        return self.rank == 0

    def device(self, requested: str) -> torch.device:
        if requested == "auto":
            return torch.device(f"cuda:{self.local_rank}" if torch.cuda.is_available() else "cpu")
        if requested == "cuda" and self.active:
            return torch.device(f"cuda:{self.local_rank}")
        return torch.device(requested)

    def _device(self) -> torch.device:
        return torch.device(f"cuda:{self.local_rank}") if torch.distributed.get_backend() == "nccl" else torch.device("cpu")

    def sum(self, values: Sequence[float]) -> List[float]:
        """Element-wise sum over ranks."""
        if not self.active:
            return list(values)
        t = torch.tensor(list(values), dtype=torch.float64, device=self._device())
        torch.distributed.all_reduce(t)
        return t.tolist()

    def max(self, value: int) -> int:
        if not self.active:
            return value
        t = torch.tensor([value], dtype=torch.int64, device=self._device())
        torch.distributed.all_reduce(t, op=torch.distributed.ReduceOp.MAX)
        return int(t.item())

    def any(self, flag: bool) -> bool:
        return self.max(int(flag)) > 0

    def gather(self, obj: Any) -> List[Any]:
        """Every rank's ``obj``, in rank order (on every rank)."""
        if not self.active:
            return [obj]
        out: List[Any] = [None] * self.world
        torch.distributed.all_gather_object(out, obj)
        return out

    def barrier(self) -> None:
        if self.active:
            torch.distributed.barrier()

    def close(self) -> None:
        if self.active and torch.distributed.is_initialized():
            torch.distributed.destroy_process_group()


def shard(model: torch.nn.Module, root: torch.nn.Module, compute_dtype: Optional[torch.dtype] = None) -> None:
    """FSDP2 over each decoder layer and the root (for a peft model, the wrapped base model: the
    module every forward, generation included, runs through). With ``compute_dtype``, sharded
    fp32 master weights are gathered and used in that dtype, gradients reduced in fp32."""
    from torch.distributed.device_mesh import init_device_mesh
    from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard

    device = next(model.parameters()).device
    mesh = init_device_mesh(device.type, (torch.distributed.get_world_size(),))
    kwargs: Dict[str, Any] = {"mesh": mesh}
    if compute_dtype is not None:
        kwargs["mp_policy"] = MixedPrecisionPolicy(param_dtype=compute_dtype, reduce_dtype=torch.float32)
    for module in model.modules():
        if type(module).__name__.endswith("DecoderLayer"):
            fully_shard(module, **kwargs)
    fully_shard(root, **kwargs)
    # FSDP initialises lazily on the first forward, with collectives: run it in lockstep now,
    # before ranks start generating on their own.
    with torch.no_grad():
        model(input_ids=torch.zeros(1, 2, dtype=torch.long, device=device))


@contextmanager
def full_weights(model: torch.nn.Module) -> Iterator[None]:
    """All of the weights on this rank (all-gathered once), so its forwards need no other rank."""
    from torch.distributed.fsdp import FSDPModule

    modules = [m for m in model.modules() if isinstance(m, FSDPModule)]
    for m in modules:
        m.set_reshard_after_forward(False, recurse=False)
        m.unshard()
    try:
        yield
    finally:
        for m in modules:
            m.reshard()
            m.set_reshard_after_forward(True, recurse=False)


def is_sharded(model: torch.nn.Module) -> bool:
    from torch.distributed.fsdp import FSDPModule

    return any(isinstance(m, FSDPModule) for m in model.modules())
