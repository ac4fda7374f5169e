"""`pantau extract` and `pantau eval-nlp`: the JSON contract and the report."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pantau.cli import app

runner = CliRunner()
ARTICLE = (
    "Jakarta (ANTARA) - Wali Kota Jakarta Pusat Dhany Sukma meminta ASN menjaga netralitas "
    "menjelang Pilkada.\n"
    '"ASN tidak boleh ikut kampanye," kata Dhany.\n'
    "Pewarta: Rina Wulandari\n"
)


def test_extract_json_contract():
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {
        "nlp_version",
        "entities",
        "topics",
        "quotes",
        "region",
        "election_related",
        "byline",
        "warnings",
    }
    person = next(e for e in doc["entities"] if e["label"] == "PERSON")
    assert {k: person[k] for k in ("text", "canonical", "role", "title")} == {
        "text": "Dhany Sukma",
        "canonical": "Dhany Sukma",
        "role": "official",
        "title": "Wali Kota Jakarta Pusat",
    }
    assert set(person) == {
        "text",
        "label",
        "canonical",
        "role",
        "title",
        "start",
        "end",
        "region",
        "kb_id",
    }
    assert doc["topics"][0]["id"] == "netralitas_asn" and doc["topics"][0]["evidence"]
    assert doc["quotes"] == [{"speaker": "Dhany Sukma", "text": "ASN tidak boleh ikut kampanye"}]
    assert doc["region"] == {"code": "31.71", "name": "Jakarta Pusat", "level": "kota"}
    assert doc["byline"] == {"pewarta": "Rina Wulandari"}
    assert doc["election_related"] is True


def test_extract_reads_a_file_and_prints_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "Dhany Sukma" in result.stdout and "netralitas_asn" in result.stdout


def test_extract_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_extract_empty_input_warns():
    result = runner.invoke(app, ["extract", "-", "--format", "json"], input="")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"] == ["empty: no text to analyse"]


def test_eval_nlp_on_a_small_set(tmp_path):
    from nlp.evaluate import load_devset

    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in load_devset()[:3]))
    result = runner.invoke(app, ["eval-nlp", "--devset", str(path)])
    assert result.exit_code == 0, result.output
    for row in ("rules", "PERSON/official", "topics (micro)", "topic:"):
        assert row in result.stdout
