"""A Plan as an alembic revision: upgrade() and downgrade() run the plan's SQL for its dialect.

Each statement is the one the dry run proved, under a comment naming the
operation, its findings and hazards; ``downgrade()`` is derived from the upgrade.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from remedy.plan.build import Plan
from remedy.render.sql import Statement, comment_text, downgrade, header_lines, statements


def render_alembic(plan: Plan, scan=None, decisions=None, revision: str | None = None,
                   down_revision: str | None = None, message: str = "remedy: fix schema drift") -> str:
    revision = revision or uuid.uuid4().hex[:12]
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    header = "\n".join(line.removeprefix("-- ").removeprefix("--") for line in header_lines(plan, scan, decisions))
    header = header.replace("\\", "\\\\").replace('"""', "'''")  # in a docstring: no escapes, no end
    return "\n".join([
        f'"""{message}', "", f"Revision ID: {revision}", f"Revises: {down_revision or ''}",
        f"Create Date: {created}", "", header, '"""',
        "import sqlalchemy as sa", "from alembic import op", "",
        f"revision = {revision!r}", f"down_revision = {down_revision!r}", "branch_labels = None",
        "depends_on = None", "", "",
        *_guard(plan, scan),
        "def upgrade() -> None:", "    _remedy_guard()", *_body(plan.operations, statements(plan)), "", "",
        "def downgrade() -> None:", *_body(*downgrade(plan)), "",
    ])


def _body(operations, rendered: list[Statement]) -> list[str]:
    lines: list[str] = []
    for op in operations:
        lines.append(comment_text(f"    # {op.title}" + (f" [{', '.join(op.finding_ids)}]" if op.finding_ids else "")))
        lines += [comment_text(f"    # NOTE: {op.note}")] if op.note else []
        lines += [comment_text(f"    # hazard: {h}") for h in op.hazards]
        lines += [f"    op.execute(sa.text({_escaped(s.sql)!r}))" for s in rendered if s.operation is op]
    return lines or ["    pass"]


def _guard(plan: Plan, scan) -> list[str]:
    """``_remedy_guard()``: stop unless this is the database and schema the plan was made for."""
    from remedy.render.guard import python_checks

    checks = [f"    ({what!r}, {_escaped(sql)!r})," for what, sql in python_checks(plan, scan)]
    return ["GUARD = [  # (what must hold, SQL that selects true when it does): docs/plans.md", *checks, "]", "", "",
            "def _remedy_guard() -> None:",
            "    from alembic import context", "",
            "    if context.is_offline_mode():",
            "        return  # --sql: nothing to ask; the SQL script carries its own guard",
            "    bind = op.get_bind()",
            "    for what, sql in GUARD:",
            "        if not bind.execute(sa.text(sql)).scalar():",
            "            raise RuntimeError(what)", "", ""]


def _escaped(sql: str) -> str:
    """sa.text reads ':name' as a bind parameter; '\\:' keeps a literal colon."""
    return sql.replace(":", "\\:")
