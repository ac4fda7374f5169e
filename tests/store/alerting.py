"""Drafts for the alert store without the NLP: what the alert stage would hand it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from alerts.records import Draft
from alerts.stage import alert_id
from pipeline.events import Alert, Region

# Region codes and the offices the stage routes them to.
PLACES = {
    "31.72": (
        "Jakarta Utara",
        "kota",
        ["Bawaslu Kota Jakarta Utara", "Bawaslu Provinsi DKI Jakarta"],
    ),
    "31.71": (
        "Jakarta Pusat",
        "kota",
        ["Bawaslu Kota Jakarta Pusat", "Bawaslu Provinsi DKI Jakarta"],
    ),
    "51.71": ("Denpasar", "kota", ["Bawaslu Kota Denpasar", "Bawaslu Provinsi Bali"]),
}


def drafts(
    rule: str,
    article: str,
    *,
    code: str | None = "31.72",
    channels: Sequence[tuple[str, str, float]] = (("hook", "none", 0.0),),
) -> Callable[[str], list[Draft]]:
    """make(group) for AlertStore.record: one alert of `rule` on `article`."""

    def make(group: str) -> list[Draft]:
        region = None
        offices = ["Bawaslu Republik Indonesia"]
        if code is not None:
            name, level, offices = PLACES[code]
            region = Region(code=code, name=name, level=level)
        a = Alert(
            id=alert_id(rule, group),
            rule_id=rule,
            article_id=article,
            group=group,
            title=f"Judul {article}",
            url=f"https://contoh.id/{article}",
            source="contoh",
            office=offices[0],
            offices=offices,
            region=region,
        )
        return [Draft(a, rule.title(), offices, region.model_dump() if region else None, channels)]

    return make
