"""MariaDB/MySQL events: read from information_schema.EVENTS, written as CREATE / ALTER / DROP EVENT.

An event is its body (``definition``, as written: compared with spacing and keyword case folded, as triggers and
routines are) and its schedule, said as properties: ``schedule`` (``EVERY 1 DAY``, ``AT '2030-05-05 10:00:00'``),
``starts`` and ``ends`` where said, ``status`` where not ENABLED, ``on_completion`` where PRESERVE, ``comment``.
DEFINER, the time zone and the sql_mode are not compared (as for views: they name an account and a session).

STARTS: the server always keeps one; an event created without it starts when it was created (or last altered with a
new schedule). A STARTS equal to CREATED or LAST_ALTERED (to the second) is taken as not said, so two databases made
at different times compare equal; a STARTS said at the very second the event was made reads as not said.

Nothing remedy runs besides the user's own database may fire an event: the scratch database a catalog is loaded
into and the dry run's shadow copy create every event DISABLED (``Disarmed``), and take each event's status from the
statement that made it, not from the server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from remedy import dialects
from remedy.model import Schema, SchemaObject

KIND = "event"
_EVENTS = """
SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD,
       STARTS, ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT, CREATED, LAST_ALTERED
FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN %(schemas)s ORDER BY EVENT_SCHEMA, EVENT_NAME
"""
_STATUS_WORDS = {"ENABLED": "ENABLE", "DISABLED": "DISABLE", "SLAVESIDE_DISABLED": "DISABLE ON SLAVE"}


def read_events(conn, schemas: Sequence[str]) -> list[SchemaObject]:
    found = []
    for (schema, name, body, kind, at, every, unit, starts, ends, status, completion, comment, created,
         altered) in conn.exec_driver_sql(_EVENTS, {"schemas": tuple(schemas)}).all():
        said = {"schedule": f"AT '{at}'" if kind == "ONE TIME" else f"EVERY {every} {unit}",
                "starts": f"'{starts}'" if starts is not None and kind != "ONE TIME"
                and starts not in (created, altered) else "",
                "ends": f"'{ends}'" if ends is not None else "",
                "status": status if status != "ENABLED" else "",
                "on_completion": "PRESERVE" if completion == "PRESERVE" else "",
                "comment": comment or ""}
        found.append(SchemaObject(KIND, schema, name, definition=(body or "").strip(),
                                  properties=tuple(sorted((k, v) for k, v in said.items() if v))))
    return found


def statement(env, obj: SchemaObject, verb: str, comment_always: bool = False) -> str:
    literal = dialects.get("mysql").literal
    text = f"{verb} EVENT {env.quote(obj.name)} ON SCHEDULE {obj.property('schedule')}"
    text += f" STARTS {obj.property('starts')}" if obj.property("starts") else ""
    text += f" ENDS {obj.property('ends')}" if obj.property("ends") else ""
    text += f" ON COMPLETION {obj.property('on_completion') or 'NOT PRESERVE'}"
    text += f" {_STATUS_WORDS[obj.property('status') or 'ENABLED']}"
    comment = obj.property("comment")
    text += f" COMMENT {literal(comment)}" if comment or comment_always else ""
    return f"{text} DO {obj.definition}"


# --- never fired outside the user's database ------------------------------------------------------

_TOKEN = re.compile(r"""'(?:[^'\\]|''|\\.)*'|"(?:[^"\\]|""|\\.)*"|`(?:[^`]|``)*`|[\w$]+|\S""")
_EVENT_HEAD = re.compile(r"(?is)^\s*(CREATE|ALTER)(?:\s+OR\s+REPLACE)?(?:\s+DEFINER\s*=\s*\S+)?\s+EVENT\b")


@dataclass
class Disarmed:
    """Statements that make or alter an event, rewritten to leave it DISABLED; the status each said is kept here
    (by the event's name key), so what is read back can say it (``restored``)."""

    said: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Sequence[SchemaObject]) -> "Disarmed":
        return cls({_key(e.name): e.property("status") or "ENABLED" for e in events})

    def sql(self, text: str) -> str:
        made = _EVENT_HEAD.match(text)
        if made is None:
            return text
        tokens = list(_TOKEN.finditer(text))
        words = [t.group().lower() for t in tokens]
        name_at = next((i for i, t in enumerate(tokens) if t.start() >= made.end()), len(tokens))
        end = next((i for i, w in enumerate(words) if w == "do" and i > name_at), len(words))
        if name_at >= end:
            return text
        while words[name_at] in ("if", "not", "exists") and name_at + 1 < end:
            name_at += 1
        name = _name_of(tokens, name_at)
        status, spans = _status(words, tokens, name_at, end)
        if status is None and made.group(1).upper() == "ALTER":
            return text  # the status stays as it was: disabled here
        self.said[_key(name)] = status or "ENABLED"
        where = next((i for i in range(name_at, end) if words[i] == "comment"), end)
        insert = tokens[where].start() if where < len(tokens) else len(text)
        out = text[:insert] + "DISABLE " + text[insert:]
        for start, stop in sorted(spans, reverse=True):
            out = out[:start] + out[stop:]
        return out

    def restored(self, objects: Mapping[tuple[str, str, str], SchemaObject]) -> dict:
        """The objects read back, each event with the status its statement said."""
        out = {}
        for key, obj in objects.items():
            if obj.kind == KIND and _key(obj.name) in self.said:
                props = dict(obj.properties)
                props.pop("status", None)
                status = self.said[_key(obj.name)]
                props.update({"status": status} if status != "ENABLED" else {})
                obj = replace(obj, properties=tuple(sorted(props.items())))
            out[key] = obj
        return out

    def restored_schema(self, schema: Schema) -> Schema:
        return replace(schema, objects=self.restored(schema.objects))


def _key(name: str) -> str:
    return dialects.get("mysql").name_key(name)


def _name_of(tokens: list, at: int) -> str:
    """The event's own name (a database qualifier left out), unquoted."""
    parts, i = [tokens[at].group()], at
    while i + 2 < len(tokens) and tokens[i + 1].group() == ".":
        parts.append(tokens[i + 2].group())
        i += 2
    last = parts[-1]
    return last[1:-1].replace("``", "`") if last.startswith("`") else last


def _status(words: list[str], tokens: list, start: int, end: int) -> tuple[str | None, list[tuple[int, int]]]:
    """The status the statement's head says (ENABLED, DISABLED, SLAVESIDE_DISABLED or None) and where it stands."""
    status, spans = None, []
    i = start
    while i < end:
        if words[i] == "enable":
            status, stop = "ENABLED", i
        elif words[i] == "disable" and words[i + 1:i + 3] == ["on", "slave"]:
            status, stop = "SLAVESIDE_DISABLED", i + 2
        elif words[i] == "disable":
            status, stop = "DISABLED", i
        else:
            i += 1
            continue
        spans.append((tokens[i].start(), tokens[stop].end()))
        i = stop + 1
    return status, spans
