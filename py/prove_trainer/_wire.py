"""Message classes built at run time from the bundled descriptor set.

Generated ``*_pb2.py`` stubs pin the protobuf runtime they were generated for: stubs from a
current grpcio-tools refuse older runtimes, and old stubs fall outside the support window of
new ones. A descriptor set (``prove.desc``, written by the TypeScript service from
``proto/``) loaded into a private descriptor pool works with protobuf 4 through 7, and the
methods are called through grpcio's generic ``unary_unary`` / ``unary_stream``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, Dict, List, Tuple

from google.protobuf import descriptor_pb2, descriptor_pool

try:  # protobuf >= 4.22
    from google.protobuf.message_factory import GetMessageClass as _get_message_class
except ImportError:  # pragma: no cover - protobuf 4.21
    from google.protobuf import message_factory as _mf

    _factory = None

    def _get_message_class(desc):  # type: ignore[no-redef]
        global _factory
        if _factory is None:
            _factory = _mf.MessageFactory(desc.file.pool)
        return _factory.GetPrototype(desc)


PACKAGE = "prove.v1"

_pool = descriptor_pool.DescriptorPool()
_descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(resources.files(__package__).joinpath("prove.desc").read_bytes())
for _file in _descriptor_set.file:
    _pool.AddSerializedFile(_file.SerializeToString())

_classes: Dict[str, Any] = {}


def message(name: str) -> Any:
    """The message class ``prove.v1.<name>``."""
    cls = _classes.get(name)
    if cls is None:
        cls = _classes[name] = _get_message_class(_pool.FindMessageTypeByName(f"{PACKAGE}.{name}"))
    return cls


def enum_name(enum: str, number: int) -> str:
    return _pool.FindEnumTypeByName(f"{PACKAGE}.{enum}").values_by_number[number].name


def enum_number(enum: str, name: str) -> int:
    return _pool.FindEnumTypeByName(f"{PACKAGE}.{enum}").values_by_name[name].number


def method(service: str, name: str) -> Dict[str, Any]:
    """Path and message classes of ``prove.v1.<service>/<name>``."""
    desc = _pool.FindServiceByName(f"{PACKAGE}.{service}").methods_by_name[name]
    return {
        "path": f"/{PACKAGE}.{service}/{name}",
        "request": message(desc.input_type.name),
        "response": message(desc.output_type.name),
        "streaming": desc.server_streaming if hasattr(desc, "server_streaming") else False,
    }


def serialize(msg: Any) -> bytes:
    return msg.SerializeToString()


def _varint(data: bytes, i: int) -> Tuple[int, int]:
    shift = value = 0
    while True:
        if i >= len(data):
            raise ValueError("truncated varint")
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def split_repeated(data: bytes, field: int) -> Tuple[List[bytes], bytes]:
    """The serialized items of a repeated message ``field`` at the top level of ``data``, and the
    other fields (still serialized). Lets a client decode a batch reply item by item, so one item
    it cannot decode never costs it the others."""
    items: List[bytes] = []
    rest = bytearray()
    i = 0
    while i < len(data):
        start = i
        key, i = _varint(data, i)
        wire = key & 7
        if wire == 0:
            _, i = _varint(data, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            n, i = _varint(data, i)
            if key >> 3 == field:
                items.append(data[i : i + n])
                i += n
                continue
            i += n
        else:
            raise ValueError(f"unsupported wire type {wire}")
        rest += data[start:i]
    return items, bytes(rest)
