"""Job handlers by name. An app registers its handlers in ``<app>/jobs.py``, loaded at start-up."""

from __future__ import annotations

from typing import Any, Callable, Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


Handler = Callable[..., dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register ``fn(*, progress, **params) -> result dict`` under ``kind``."""

    def register(fn: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not fn:
            raise ValueError(f"job kind {kind!r} is registered twice")
        _HANDLERS[kind] = fn
        return fn

    return register


def get(kind: str) -> Handler:
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise LookupError(f"no job handler registered for {kind!r}") from None
