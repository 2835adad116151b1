"""Routing over shards (``prove serve --shards N``, or one ``prove serve --shard NAME`` per host).

A session lives in one process, and its id names that process's shard before its first "-"
("s1-Xy3…"). A client splits a batch by shard, sends each part to its shard, and puts the
results back in request order. ts/rpc/routing.ts holds the same rules.
"""

from __future__ import annotations

import itertools
from typing import Collection, Dict, Iterable, List, Sequence, Tuple, TypeVar

T = TypeVar("T")


def shard_of(session_id: str) -> str:
    """The shard a session id names ("" when it has no "-")."""
    dash = session_id.find("-")
    return session_id[:dash] if dash > 0 else ""


def split_by_shard(session_ids: Sequence[str], known: Collection[str]) -> Tuple[Dict[str, List[int]], List[int]]:
    """The positions of a batch's items grouped by their session's shard, in request order, and
    the positions whose shard is not known."""
    parts: Dict[str, List[int]] = {}
    unknown: List[int] = []
    for i, sid in enumerate(session_ids):
        shard = shard_of(sid)
        if shard in known:
            parts.setdefault(shard, []).append(i)
        else:
            unknown.append(i)
    return parts, unknown


def merge_by_position(count: int, parts: Iterable[Tuple[Sequence[int], Sequence[T]]]) -> List[T]:
    """Each part's results at its items' positions: the inverse of ``split_by_shard``. Every
    position must be filled exactly once."""
    out: List[T] = [None] * count  # type: ignore[list-item]
    filled = [False] * count
    for positions, results in parts:
        if len(positions) != len(results):
            raise ValueError(f"a shard answered {len(results)} items for {len(positions)}")
        for p, r in zip(positions, results):
            if not 0 <= p < count or filled[p]:
                raise ValueError(f"position {p} of {count} given twice or out of range")
            filled[p] = True
            out[p] = r
    if not all(filled):
        raise ValueError(f"no result for item {filled.index(False)} of {count}")
    return out


def unknown_session(session_id: str, known: Iterable[str]) -> str:
    """What a client says of a session whose shard it does not know: the service's own NOT_FOUND words, and why."""
    shard = shard_of(session_id)
    why = f'its shard "{shard[:32]}" is not' if shard else "it names no shard, which is not"
    return f'unknown session "{session_id[:80]}" ({why} one of this client\'s: {", ".join(known)})'


class RoundRobin:
    """The next of n targets, in turn (new sessions, and calls any shard can answer)."""

    def __init__(self, n: int):
        self._n = n
        self._count = itertools.count()  # next() on it is atomic under the GIL: safe across threads

    def next(self) -> int:
        return next(self._count) % self._n
