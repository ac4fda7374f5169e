"""`pantau extract`, `pantau eval-nlp` and `pantau build-nlp`: the Indonesian NLP pipeline."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pantau.clikit import console, fail, settings_with

if TYPE_CHECKING:
    from spacy.language import Language

    from nlp.analyze import Analysis
    from nlp.evaluate import Report

commands = typer.Typer()


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"


PipelineOption = Annotated[
    Path | None,
    typer.Option(
        "--pipeline", help="A saved pipeline directory (default: the one shipped in nlp/model)."
    ),
]


def _load(path: Path | None) -> Language:
    from nlp.pipeline import load_pipeline

    if path is not None and not (path / "config.cfg").exists():
        raise fail(f"{path} is not a saved spaCy pipeline (no config.cfg)")
    return load_pipeline(path)


@commands.command("extract")
def extract(
    source: Annotated[str, typer.Argument(help="A text file, or - for stdin.")] = "-",
    fmt: Annotated[ExtractFormat, typer.Option("--format")] = ExtractFormat.text,
    pipeline: PipelineOption = None,
    max_chars: Annotated[
        int | None, typer.Option(help="Cut the text here (default: PANTAU_NLP__MAX_CHARS).")
    ] = None,
) -> None:
    """Entities, topics with evidence, quotes and region of one article's text."""
    from nlp.analyze import analyze, to_json
    from nlp.pipeline import NLP_VERSION

    limit = max_chars or settings_with().nlp.max_chars
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise fail(f"no such file: {source}")
        text = path.read_text(encoding="utf-8", errors="replace")
    warnings = []
    if len(text) > limit:
        text = text[:limit]
        warnings.append(f"truncated: text cut at {limit} characters")
    (result,) = analyze(_load(pipeline), [text])
    result.warnings[:0] = warnings
    if fmt is ExtractFormat.json:
        doc = to_json(result, nlp_version=NLP_VERSION)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_analysis(result)


def _print_analysis(result: Analysis) -> None:
    from rich.table import Table

    region = result.region
    console.print(
        f"[bold]election_related[/]: {result.election_related} "
        f"({result.election_score:.2f})   [bold]region[/]: "
        + (f"{region.name} ({region.code}, {region.level})" if region else "-")
    )
    table = Table("label", "text", "canonical", "role", "title", "region")
    for e in result.entities:
        table.add_row(
            e.label, e.text, e.canonical or "", e.role or "", e.title or "", e.region or ""
        )
    console.print(table)
    for t in result.topics:
        console.print(f"[bold]{t.id}[/] {t.score:.2f}")
        for sentence in t.evidence:
            console.print(f"   > {sentence}", markup=False)
    for q in result.quotes:
        console.print(f"[bold]{q.speaker}[/]: “{q.text}”")
    if result.byline:
        console.print("byline: " + ", ".join(f"{k}={v}" for k, v in result.byline.items()))
    for w in result.warnings:
        console.print(f"[yellow]warning[/]: {w}")


@commands.command("eval-nlp")
def eval_nlp(
    devset: Annotated[
        Path | None,
        typer.Option(help="Gold JSONL (default: the packaged dev set, then the held-out set)."),
    ] = None,
    errors: Annotated[bool, typer.Option(help="List every miss and spurious hit.")] = False,
    realnews: Annotated[
        Path | None,
        typer.Option(help="A realnews folder (articles, gold, score.py): score with its scorer."),
    ] = None,
    conll: Annotated[
        Path | None, typer.Option(help="A BIO file: exact-span entity scores per type.")
    ] = None,
    pipeline: PipelineOption = None,
) -> None:
    """Precision/recall/F1 per label and topic: own sets, or real text (--realnews, --conll)."""
    if realnews is not None or conll is not None:
        nlp = _load(pipeline)
        if realnews is not None:
            _eval_realnews(nlp, realnews, errors)
        if conll is not None:
            _eval_conll(nlp, conll, errors)
        return
    from nlp.evaluate import DEVSET, HELDOUT, evaluate, load_devset, region_names

    if devset is not None and not devset.is_file():
        raise fail(f"no such file: {devset}")
    sets = [("", devset)] if devset else [("dev set (rules tuned on it)", DEVSET)]
    if devset is None and HELDOUT.exists():
        sets.append(
            ("held-out set (written after the rules were frozen)", HELDOUT)
        )  # see nlp/README.md
    pipelines = _pipelines()
    names = region_names(pipelines[0][1])
    for caption, path in sets:
        articles = load_devset(path)
        console.print(f"[bold]{caption or path}[/]: {len(articles)} articles")
        for name, nlp, full in pipelines:
            if full:
                report = evaluate(nlp, articles, names=names)
            else:
                report = evaluate(nlp, articles, labels=["PERSON"], topics=False)
            _print_report(name, report, errors)


def _eval_realnews(nlp: Language, folder: Path, errors: bool) -> None:
    from pantau.realnews import run_realnews

    needed = [folder / n for n in ("articles.jsonl", "gold.jsonl", "score.py")]
    if missing := [str(p) for p in needed if not p.is_file()]:
        raise fail(f"not a realnews folder, missing: {', '.join(missing)}")
    result = run_realnews(nlp, folder, quiet=not errors)
    sys.stdout.write(result.scorer_output)
    for line in result.office_errors if errors else []:
        sys.stdout.write(line + "\n")
    n = len(result.rows)
    sys.stdout.write(
        f"routed office      right {result.office_right / n:.3f} ({result.office_right}/{n})\n"
    )


def _eval_conll(nlp: Language, path: Path, errors: bool) -> None:
    from nlp.conll import read_conll, score_conll

    if not path.is_file():
        raise fail(f"no such file: {path}")
    report = score_conll(nlp, read_conll(path))
    console.print(f"[bold]{path}[/]: {report.sentences} sentences, exact spans")
    from nlp.evaluate import Report

    _print_report("entities", Report(rows=report.rows, errors=report.errors), errors)


def _pipelines() -> list[tuple[str, Language, bool]]:
    """(name, pipeline, full?) for rules, model alone and both; the model only if shipped."""
    from nlp.ner import has_model
    from nlp.pipeline import MODEL_DIR, build_pipeline
    from nlp.train import model_only

    out = [("rules", build_pipeline(ner=False), True)]
    ner_dir = MODEL_DIR / "ner"
    if has_model(ner_dir):
        out.append(("model alone (PERSON only)", model_only(ner_dir), False))
        out.append(("rules + model", build_pipeline(ner=ner_dir), True))
    else:
        console.print("[yellow]no trained NER in nlp/model: run `pantau build-nlp`[/]")
    return out


def _print_report(name: str, report: Report, errors: bool) -> None:
    from rich.table import Table

    table = Table("row", "P", "R", "F1", "tp", "fp", "fn", title=name)
    for row, c in sorted(report.rows.items(), key=lambda kv: (kv[0].startswith("topic:"), kv[0])):
        table.add_row(
            row,
            f"{c.precision:.2f}",
            f"{c.recall:.2f}",
            f"{c.f1:.2f}",
            *map(str, (c.tp, c.fp, c.fn)),
        )
    console.print(table)
    if report.rows.get("topics (micro)") and report.articles:
        console.print(f"main region accuracy: {report.region_accuracy:.2f}")
    if errors:
        for line in report.errors:
            console.print(f"  {line}", markup=False)


@commands.command("build-nlp")
def build_nlp(
    out: Annotated[
        Path | None, typer.Option(help="Where to save (default: nlp/model in the package).")
    ] = None,
    conll: Annotated[
        list[Path] | None,
        typer.Option(
            help="BIO files of real news to train the person model on as well "
            "(default: ../shared/ner/idner-news-2k/train.txt beside the repository, if there)."
        ),
    ] = None,
    epochs: Annotated[int, typer.Option(min=1, max=100)] = 20,
    seed: int = 0,
) -> None:
    """Train the NER (own corpus + real news) and save the versioned pipeline."""
    import hashlib

    from nlp.pipeline import MODEL_DIR, NLP_VERSION, build_pipeline, save_pipeline
    from nlp.train import CORPUS, IDNER_TRAIN, read_bio_corpus, read_corpus, train_ner

    target = out or MODEL_DIR
    files = conll if conll is not None else [p for p in [IDNER_TRAIN] if p.is_file()]
    if missing := [str(p) for p in files if not p.is_file()]:
        raise fail(f"no such file: {', '.join(missing)}")
    started = time.perf_counter()
    nlp = build_pipeline(ner=False)
    rows = read_corpus()
    training = {CORPUS.name: hashlib.sha256(CORPUS.read_bytes()).hexdigest()}
    for path in files:
        rows += read_bio_corpus(path)
        training[f"{path.parent.name}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    errors = train_ner(nlp, rows, epochs=epochs, seed=seed)
    # train_ner puts the NER first: places and agencies then override its spans.
    save_pipeline(nlp, target, training=training)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    console.print(
        f"pantau_id {NLP_VERSION}: NER trained on {len(rows)} sentences of "
        f"{', '.join(training)} (errors per epoch {errors[0]} -> {errors[-1]}), saved to "
        f"{target} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s"
    )
