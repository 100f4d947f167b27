"""At 80×24 the footer keeps what matters in view: the choices that apply to the focused node (only those),
the dry run, export, the whole SQL, help and quit."""
from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from remedy.tui.app import RemedyApp
from tests.tui.conftest import CATALOG, select, settle

JOB_TYPE = "missing_column:public.campaign_jobs.job_type"
ALWAYS = ["v", "e", "w", "question_mark", "q"]


def _footer_keys(app) -> list[str]:
    """The keys the footer shows, and that each fits on the screen."""
    keys = list(app.query_one(Footer).query(FooterKey))
    assert all(k.region.right <= app.size.width for k in keys)
    return [k.key for k in keys]


async def test_the_footer_shows_the_choices_that_apply_and_every_key_that_matters_at_80x24(demo_url):
    app = RemedyApp(demo_url, str(CATALOG))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await select(pilot, JOB_TYPE)
        await settle(pilot, app)
        assert _footer_keys(app) == ["r", "a", "p", "s", *ALWAYS]
        retyped = next(f for f in app.scan.findings if f.kind == "type_mismatch")
        await select(pilot, retyped.id)
        await settle(pilot, app)
        assert _footer_keys(app) == ["t", "s", *ALWAYS]
        await pilot.press("1")  # a phase: the bulk keys
        await settle(pilot, app)
        assert _footer_keys(app) == ["r", "a", "s", *ALWAYS]
