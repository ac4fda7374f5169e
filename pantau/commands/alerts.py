"""`pantau alerts`: the alert feed, rule testing, and (re)sending pending deliveries."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

if TYPE_CHECKING:
    from alerts.records import StoredAlert
    from alerts.rules import Rule
    from pipeline.events import EnrichedArticle

commands = typer.Typer()
alerts_app = typer.Typer(
    help="Alerts: the feed, testing rules on an article, delivering.", no_args_is_help=True
)
commands.add_typer(alerts_app, name="alerts")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Status(StrEnum):
    pending = "pending"
    delivered = "delivered"
    dead = "dead"


RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="Rules YAML (default: PANTAU_ALERTS__RULES_FILE)."),
]


def _errors() -> tuple[type[Exception], ...]:
    from alerts.rules import RulesError

    return (*known_errors(), RulesError)


@alerts_app.command("list")
def list_alerts(
    status: Annotated[
        Status | None, typer.Option(help="Only alerts with a delivery in it.")
    ] = None,
    rule: Annotated[str | None, typer.Option(help="Rule id.")] = None,
    office: Annotated[str | None, typer.Option(help='e.g. "Bawaslu Kota Jakarta Utara".')] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    data_dir: DataDir = None,
) -> None:
    """The alert feed: newest first, with article, rule, evidence and delivery status."""
    from pantau.wiring import build_alert_store

    try:
        store = build_alert_store(settings_with(data_dir))
        items = store.feed(
            limit=limit, rule=rule, office=office, status=status.value if status else None
        )
        counts = store.counts()
    except _errors() as exc:
        raise fail(str(exc)) from exc
    if fmt is OutputFormat.json:
        console.print_json(json.dumps([i.to_dict() for i in items], ensure_ascii=False))
        return
    for item in items:
        _print_item(item)
    console.print(
        f"{counts['alerts']} alerts ({counts['copies']} copies suppressed); deliveries: "
        f"{counts['delivered']} delivered, {counts['pending']} pending, "
        f"[{'red' if counts['dead'] else 'default'}]{counts['dead']} dead[/]"
    )


def _print_item(item: StoredAlert) -> None:
    from rich.markup import escape

    a = item.alert
    colour = {"critical": "red", "warning": "yellow"}.get(a.severity, "cyan")
    console.print(
        f"[bold {colour}]{a.severity.upper()}[/] {a.created_at:%Y-%m-%d %H:%M} UTC "
        f"[bold]{escape(item.rule_name)}[/] ({a.rule_id})  id {a.id[:12]}"
    )
    console.print(f"  {escape(a.title)} — {a.source}\n  {a.url}")
    console.print(f"  offices: {escape(', '.join(item.offices) or '-')}")
    for sentence in a.evidence:
        console.print(f"  > {escape(sentence)}")
    if item.copies:
        console.print(f"  also published by: {', '.join(c['source'] for c in item.copies)}")
    for d in item.deliveries:
        extra = f" ({escape(d.last_error)})" if d.last_error else ""
        mode = f" ({d.mode} digest)" if d.mode != "none" else ""
        console.print(f"  -> {d.channel}{mode}: {d.status}, {d.attempts} attempts{extra}")
    console.print()


@alerts_app.command("test")
def test_rules(
    rules: Annotated[Path, typer.Argument(help="Rules YAML (the default rule is included).")],
    file: Annotated[
        Path, typer.Argument(help="An article: .txt (title line, then body) or event JSON.")
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication time for stage rules, e.g. '25 Nov 2024 10:00' (WIB)."),
    ] = None,
) -> None:
    """Show which rules an article would fire, where they would route, and the evidence.

    Nothing is stored or sent.
    """
    from rich.markup import escape

    from alerts.matching import evaluate, in_stages
    from alerts.offices import OfficeDirectory
    from pantau.wiring import build_alert_rules
    from search.query import parse_when

    settings = settings_with()
    try:
        ruleset = build_alert_rules(settings, rules)
        doc = _enrich_file(file, settings.nlp.max_chars)
        if published:
            at = parse_when(published)
            doc = doc.model_copy(
                update={"article": doc.article.model_copy(update={"published_at": at})}
            )
    except _errors() as exc:
        raise fail(str(exc)) from exc
    region = f"{doc.region.name} ({doc.region.code})" if doc.region else "-"
    topics = ", ".join(f"{t.id} {t.score:.2f}" for t in doc.topics) or "-"
    console.print(f"[bold]{escape(doc.article.title)}[/]\n  region {region}; topics {topics}; "
                  f"election related: {doc.election_related}")  # fmt: skip
    fired = 0
    offices = OfficeDirectory.bundled()
    for rule in ruleset.active():
        match = evaluate(rule, doc)
        if match is None:
            outside = rule.during and not in_stages(rule, doc)
            why = f" (not during {', '.join(rule.during)})" if outside else ""
            console.print(f"[dim]- {rule.id}: does not fire{why}[/]")
            continue
        fired += 1
        routed = list(rule.offices)
        if rule.route_by_region:
            routed += offices.route(doc.region.code if doc.region else None)
        routed = list(dict.fromkeys(routed))
        channels = ruleset.channels_for(rule, routed)
        console.print(
            f"[bold red]+ {rule.id}[/] ({rule.severity}) fires on {', '.join(match.criteria)}"
            f"\n  offices: {', '.join(routed) or '-'}\n  channels: {', '.join(channels) or '-'}"
        )
        for sentence in match.evidence:
            console.print(f"  > {escape(sentence)}")
    console.print(f"{fired} of {len(ruleset.active())} rules fire")


def _enrich_file(path: Path, max_chars: int) -> EnrichedArticle:
    """A file -> EnrichedArticle: event JSON as is, a RawArticle or text through the NLP."""
    from pipeline.events import EnrichedArticle, EventError, RawArticle, article_id, decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc.strerror}") from exc
    if path.suffix == ".json":
        try:
            if b'"article"' in data:
                return decode(EnrichedArticle, data)
            raw = decode(RawArticle, data)
        except EventError as exc:
            raise typer.BadParameter(f"{path}: {exc.reason}") from exc
    else:
        title, _, body = data.decode("utf-8").strip().partition("\n")
        url = f"http://localhost{path.resolve().as_posix()}"  # ids need a host
        raw = RawArticle(
            id=article_id(url), url=url, source="file", host="localhost",
            title=title.strip(), body=body.strip(),
        )  # fmt: skip
    from nlp.pipeline import load_pipeline
    from pipeline.stages.enrich import EnrichStage

    return EnrichStage(load_pipeline(), max_chars=max_chars).process([raw])[0]


@alerts_app.command("deliver")
def deliver(
    requeue: Annotated[
        bool, typer.Option("--requeue", help="Put dead deliveries back in the queue first.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Send every pending delivery that is due (retries included), once, and report."""
    from pantau.wiring import build_dispatcher

    try:
        dispatcher = build_dispatcher(settings_with(data_dir))
        revived = dispatcher.store.requeue() if requeue else 0
        done = dispatcher.deliver_due()
        counts = dispatcher.store.counts()
    except _errors() as exc:
        raise fail(str(exc)) from exc
    if revived:
        console.print(f"requeued {revived} dead deliveries")
    console.print(
        f"delivered {done['delivered']}, will retry {done['retry']}, dead {done['dead']}; "
        f"{counts['pending']} pending, {counts['dead']} dead in total"
    )
    if done["dead"] or done["retry"]:
        raise typer.Exit(1)


@alerts_app.command("rules")
def show_rules(
    rules: RulesOption = None,
    add: Annotated[
        Path | None,
        typer.Option("--add", help="Store the rule(s) in this YAML/JSON (as the API does)."),
    ] = None,
    remove: Annotated[str | None, typer.Option("--remove", help="Drop a stored rule.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Check the rules and show those in force: the file's, the default, stored ones.

    Rules added with --add (or through the API) live in the alert store; running alert
    workers pick them up at their next batch, without a restart.
    """
    from pantau.wiring import build_alert_rules, build_alert_store

    settings = settings_with(data_dir)
    try:
        base = build_alert_rules(settings, rules)
        store = build_alert_store(settings)
        if add is not None:
            added = _rules_in(add)
            base.with_rules([*store.stored_rules(), *added])  # validate before storing
            for rule in added:
                store.put_rule(rule)
            console.print(f"stored {len(added)} rule(s): {', '.join(r.id for r in added)}")
        if remove is not None and not store.delete_rule(remove):
            raise fail(f"no stored rule {remove!r} (rules from the file are changed there)")
        stored = {r.id for r in store.stored_rules()}
        ruleset = base.with_rules(store.stored_rules())
    except _errors() as exc:
        raise fail(str(exc)) from exc
    for rule in ruleset.rules:
        state = "" if rule.enabled else " [dim](disabled)[/]"
        origin = " [cyan](stored)[/]" if rule.id in stored else ""
        routing = "by region" if rule.route_by_region else "fixed"
        console.print(
            f"[bold]{rule.id}[/]{origin}{state}: {rule.label}; {rule.match} of "
            f"{', '.join(rule.criteria())}; {rule.severity}; routed {routing}"
            + (f" + {', '.join(rule.offices)}" if rule.offices else "")
            + (f"; channels {', '.join(rule.channels)}" if rule.channels else "")
            + (f"; during {', '.join(rule.during)} ({rule.timezone})" if rule.during else "")
        )
    console.print(f"{len(ruleset.channels)} channels, {len(ruleset.offices)} offices with channels")


def _rules_in(path: Path) -> list[Rule]:
    """One rule or a `rules:` list, in YAML (JSON is YAML too)."""
    import yaml
    from pydantic import ValidationError

    from alerts.rules import Rule, RulesError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"cannot read rules from {path}: {exc}") from exc
    items = data.get("rules", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise RulesError(f"{path}: expected a rule or `rules:` with a list")
    try:
        return [Rule.model_validate(item) for item in items]
    except ValidationError as exc:
        raise RulesError(f"{path}: {exc.errors()[0]['msg']}") from exc
