"""One fingerprint for every article: text ingested twice under two URLs is one story."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pantau.cli import app
from pipeline.fingerprint import simhash
from pipeline.stages.enrich import with_fingerprint
from tests.conftest import raw_article

runner = CliRunner()
STORY = (
    "Camat Sukamaju diduga tidak netral di Pilkada\n\n"
    "Bawaslu Kabupaten Bogor memanggil seorang camat yang diduga mengajak warga memilih "
    "pasangan calon nomor urut 2. Camat itu juga mengunggah foto kampanye di media sosial.\n\n"
    '"ASN wajib menjaga netralitas selama Pilkada," kata Ketua Bawaslu Kabupaten Bogor '
    "Joko Pranata di Cibinong, Senin.\n"
)


def test_enrich_gives_an_article_without_one_its_simhash() -> None:
    bare = raw_article(1, body="Camat dipanggil Bawaslu karena tidak netral.")
    assert bare.fingerprint is None
    assert with_fingerprint(bare).fingerprint == simhash(bare.body)
    kept = bare.model_copy(update={"fingerprint": "0123456789abcdef"})
    assert with_fingerprint(kept).fingerprint == "0123456789abcdef"


def test_same_text_under_two_urls_gives_one_alert_with_one_copy(tmp_path: Path) -> None:
    note = tmp_path / "camat.txt"
    note.write_text(STORY, encoding="utf-8")
    data = tmp_path / "data"
    for url in ("https://satu.example/berita/1/camat", "https://dua.example/read/2/camat"):
        result = runner.invoke(app, ["ingest", str(note), "--url", url, "--data-dir", str(data)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["alerts", "list", "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    alerts = json.loads(result.output)
    assert len(alerts) == 1, alerts
    assert len(alerts[0]["copies"]) == 1
