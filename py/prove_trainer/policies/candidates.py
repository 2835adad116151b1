"""The stub policy's action space: candidate moves built from the offered tools and what was observed.

At each assistant message the stub may reply (ending its turn), ask the user for a value, decline,
or call one offered tool. A call's arguments are filled by plain rules from the values the
conversation has shown so far: ids, quoted strings, numbers, emails, phones and dates in the
user's words, and fields of earlier tool results (an id param takes the ``id`` of the result item
whose words best match the request). Which move to make is what the stub learns; how to fill a
call is fixed here, so a better fill never hides a worse choice.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

# Ids as the domains mint them: ACC-1001, AA543-20260304, U1010, cus_10002; or any token in parentheses.
_ID = re.compile(r"\b[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]+)+\b|\b[A-Z]+\d+\b|\b[a-z]+_\d+\b")
_PAREN = re.compile(r"\(([A-Za-z0-9][\w.-]{1,40})\)")
_PATH = re.compile(r"(?<![\w/])/[\w./-]*[\w/]")
_HANDLE = re.compile(r"(?<![\w.])@[\w.]+\w")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"\+\d[\d\- ]{6,}\d")
_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?Z?\b")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_QUOTED = re.compile(r"\"([^\"]{1,200})\"")
_NUMBER = re.compile(r"(?<![\w.-])\$?(\d+(?:\.\d+)?)(?![\w-])")
_WORD = re.compile(r"[a-z][a-z0-9]+")
# After a quoted name: the id of the entity it names, a few words on ("… posted 2026-06-18 09:11 (MSG-10035)").
_MENTIONED = re.compile(r"[^\"()]{0,48}\([A-Za-z0-9_#.-]+\)")

STOPWORDS = frozenset(
    "the and for with you your please could would can will from that this have has what which when where there their them then than into onto about also just some any all out our are was were been being its it's hi hello thanks thank cheers there's i'd i'm let know".split()
)


def _stem(w: str) -> str:
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


@functools.lru_cache(maxsize=1 << 16)
def words(text: str) -> Tuple[str, ...]:
    """Content words of a text, lower-cased and crudely stemmed (features and matching)."""
    return tuple(_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) >= 3)


@functools.lru_cache(maxsize=1 << 14)
def tool_words(name: str) -> Tuple[str, ...]:
    return tuple(_stem(w) for w in name.lower().split("_") if w)


@dataclass
class Observed:
    """A value the conversation has shown, with where it came from."""

    value: Any
    kind: str  # id, path, handle, email, phone, datetime, date, time, quoted, number, field
    key: str = ""  # the result field it came from ("" for the user's words)
    words: Set[str] = field(default_factory=set)  # words of the result item it belongs to
    before: str = ""  # the user's words just before it ("… with note"), lower-cased
    #: A quoted name of an entity that exists ("the message "Postmortem…" (MSG-10035)"), not a new value.
    mention: bool = False

    def named(self, param: str) -> bool:
        """Whether the user introduced this value by the parameter's name ("with note \"…\"")."""
        return bool(self.before) and param.replace("_", " ") in self.before


@dataclass
class Observations:
    """Everything the stub has seen in one conversation."""

    user: List[Observed] = field(default_factory=list)
    results: List[Observed] = field(default_factory=list)

    def add_user_text(self, text: str) -> None:
        spans: List[Tuple[int, int]] = []
        found: List[Tuple[int, Observed]] = []

        def take(pattern: re.Pattern, kind: str, group: int = 0) -> None:
            for m in pattern.finditer(text):
                if any(a <= m.start(group) < b for a, b in spans):
                    continue
                spans.append((m.start(), m.end()))
                raw = m.group(group)
                value: Any = raw
                if kind == "number":
                    value = float(raw) if "." in raw else int(raw)
                elif kind == "handle":
                    value = raw[1:]
                mention = kind == "quoted" and _MENTIONED.match(text, m.end()) is not None
                found.append((m.start(), Observed(value, kind, before=text[max(0, m.start() - 40) : m.start()].lower(), mention=mention)))

        take(_QUOTED, "quoted", 1)
        take(_EMAIL, "email")
        take(_PATH, "path")
        take(_HANDLE, "handle")
        take(_DATETIME, "datetime")
        take(_DATE, "date")
        take(_PHONE, "phone")
        take(_PAREN, "id", 1)
        take(_ID, "id")
        take(_TIME, "time")
        take(_NUMBER, "number", 1)
        self.user.extend(o for _, o in sorted(found, key=lambda f: f[0]))

    def add_result(self, result: Any) -> None:
        # Newest first: a later result is the likelier source of the next call's arguments.
        found = list(_fields(result, depth=0))
        self.results[:0] = found


def _fields(value: Any, depth: int) -> Iterator[Observed]:
    if depth > 3:
        return
    if isinstance(value, list):
        for item in value[:20]:
            yield from _fields(item, depth + 1)
        return
    if not isinstance(value, dict):
        return
    item_words = {w for v in value.values() if isinstance(v, str) for w in words(v)}
    for key, v in value.items():
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            yield Observed(v, "field", key, item_words)
        elif isinstance(v, (dict, list)):
            yield from _fields(v, depth + 1)


@dataclass(frozen=True)
class Candidate:
    """One move: ``kind`` is call, reply, ask or decline."""

    kind: str
    tool: str = ""
    arguments: Optional[Dict[str, Any]] = None
    #: For calls: where the arguments came from ("user", "result", "mixed", "none").
    fill: str = ""
    #: For asks: the parameter asked for and its description.
    param: str = ""
    about: str = ""


def _types(schema: Dict[str, Any]) -> Set[str]:
    t = schema.get("type")
    if isinstance(t, list):
        return set(t)
    if isinstance(t, str):
        return {t}
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        if isinstance(option, dict):
            return _types(option)
    return {"string"}


def _names_kind(id_value: Any, param: str) -> bool:
    """Whether an id's prefix spells the param's entity: "STR-112" for store_id, "ACC-1001" for account_id."""
    prefix = str(id_value).split("-")[0].lower()
    stem = (param[:-3] if param.endswith("_id") else param).replace("_", "")
    it = iter(stem)
    return bool(prefix) and all(ch in it for ch in prefix)


class Filler:
    """Fills one call's parameters from the observations (each observed value used once per call)."""

    def __init__(self, obs: Observations, request_words: Set[str], request_text: str):
        self.obs = obs
        self.request = request_words
        self.text = request_text.lower()
        self.used: Set[int] = set()
        self.sources: Set[str] = set()

    def _user(self, kinds: Tuple[str, ...], param: str, prefer=None) -> Optional[Any]:
        """The first unused value of these kinds the user gave: one introduced by the param's name first."""
        pool = [o for o in self.obs.user if o.kind in kinds and id(o) not in self.used]
        pool.sort(key=lambda o: (0 if o.named(param) else 1, 0 if prefer and prefer(o) else 1))
        if not pool:
            return None
        self.used.add(id(pool[0]))
        self.sources.add("user")
        return pool[0].value

    def _result(self, key: str) -> Optional[Any]:
        best, best_score = None, -1
        for o in self.obs.results:
            if o.key != key or id(o) in self.used:
                continue
            score = len(o.words & self.request)
            if score > best_score:
                best, best_score = o, score
        if best is None:
            return None
        self.used.add(id(best))
        self.sources.add("result")
        return best.value

    def value(self, name: str, schema: Dict[str, Any]) -> Optional[Any]:
        types = _types(schema)
        enum = schema.get("enum")
        if enum:
            spoken = [e for e in enum if isinstance(e, str) and (e.lower() in self.text or e.replace("_", " ").lower() in self.text)]
            # The longest match: "premium_economy" over "economy".
            return max(spoken, key=len) if spoken else None
        lname = name.lower()
        if lname.endswith("_id") or lname == "id":
            got = self._user(("id",), name, prefer=lambda o: _names_kind(o.value, lname))
            return got if got is not None else (self._result(name) if self._result_has(name) else self._result("id"))
        if "array" in types:
            items = schema.get("items", {})
            inner = self.value(name[:-1] if name.endswith("s") else name, items if isinstance(items, dict) else {})
            return [inner] if inner is not None else None
        if "email" in lname or schema.get("format") == "email":
            return self._first(self._user(("email",), name), name)
        if "phone" in lname:
            return self._first(self._user(("phone",), name), name)
        if "path" in lname or lname in ("source", "destination", "directory", "dir"):
            return self._first(self._user(("path",), name), name)
        if "handle" in lname or "username" in lname:
            return self._first(self._user(("handle",), name), name)
        if "boolean" in types:
            return True
        if types & {"number", "integer"}:
            got = self._user(("number",), name)
            if got is None:
                return self._result(name)
            return int(got) if "integer" in types and float(got).is_integer() else got
        if schema.get("format") == "date-time" or lname.endswith("_at") or "time" in lname:
            return self._first(self._user(("datetime", "time"), name), name)
        if schema.get("format") == "date" or "date" in lname or lname.endswith("_on"):
            return self._first(self._user(("date",), name), name)
        # A new value in quotes before a quoted name of an existing entity.
        return self._first(self._user(("quoted", "id"), name, prefer=lambda o: o.kind == "quoted" and not o.mention), name)

    def _result_has(self, key: str) -> bool:
        return any(o.key == key for o in self.obs.results)

    def _first(self, got: Optional[Any], name: str) -> Optional[Any]:
        return got if got is not None else self._result(name)

    def source(self) -> str:
        if not self.sources:
            return "none"
        return "mixed" if len(self.sources) > 1 else next(iter(self.sources))


def fill_call(tool: Dict[str, Any], obs: Observations, request_words: Set[str], request_text: str) -> Tuple[Optional[Dict[str, Any]], str, str]:
    """(arguments, fill source, first unfillable required parameter) for one offered tool."""
    fn = tool.get("function", tool)
    params = fn.get("parameters") or {}
    props: Dict[str, Any] = params.get("properties") or {}
    required = [p for p in params.get("required") or [] if p in props]
    filler = Filler(obs, request_words, request_text)
    args: Dict[str, Any] = {}
    for name in required:
        v = filler.value(name, props[name])
        if v is None:
            return None, "", name
        args[name] = v
    # Optional parameters only when the user named them and gave a value, or spoke one of their enum values.
    for name, schema in props.items():
        if name in args or (name.replace("_", " ") not in filler.text and not schema.get("enum")):
            continue
        v = filler.value(name, schema)
        if v is not None:
            args[name] = v
    return args, filler.source(), ""


def candidates(tools: List[Dict[str, Any]], obs: Observations, request_text: str, max_asks: int = 3) -> List[Candidate]:
    """Every move the stub may make now: reply, decline, a call per fillable tool, asks for the rest."""
    request = set(words(request_text))
    out = [Candidate("reply"), Candidate("decline")]
    asks: List[Tuple[int, Candidate]] = []
    for tool in tools:
        fn = tool.get("function", tool)
        name = fn.get("name", "")
        args, source, missing = fill_call(tool, obs, request, request_text)
        if args is not None:
            out.append(Candidate("call", name, args, source))
            continue
        overlap = len(request & set(tool_words(name)))
        if overlap:
            about = ((fn.get("parameters") or {}).get("properties") or {}).get(missing, {}).get("description", "")
            asks.append((overlap, Candidate("ask", name, param=missing, about=about)))
    asks.sort(key=lambda a: -a[0])
    out.extend(c for _, c in asks[:max_asks])
    return out


def render_call(name: str, arguments: Dict[str, Any], format: str, call_id: str) -> str:
    """One tool call as the assistant's raw text in a chat format."""
    if format == "openai":
        return json.dumps(
            {"content": None, "tool_calls": [{"id": call_id, "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}]}
        )
    return "<tool_call>\n" + json.dumps({"name": name, "arguments": arguments}) + "\n</tool_call>"
