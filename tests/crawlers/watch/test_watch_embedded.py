"""`pantau watch` in embedded mode: feeds -> enrich -> SQLite index -> alerts; SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.crawlers.watch.conftest import NewsServer

ASN = (
    "Bawaslu Kabupaten Klaten memanggil seorang kepala desa dan dua aparatur sipil negara "
    "yang diduga ikut berkampanye untuk salah satu pasangan calon bupati dalam Pilkada 2024. "
    '"ASN wajib menjaga netralitas. Keterlibatan dalam kampanye merupakan pelanggaran '
    'netralitas ASN," kata Ketua Bawaslu Klaten di Klaten, Senin.'
)


def _indexed(path: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        n = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        db.close()
        return n
    except sqlite3.Error:
        return 0


def test_watch_publishes_into_the_pipeline_until_sigterm(news: NewsServer, tmp_path: Path) -> None:
    links = [news.article("/kabar/pasar.html", "Harga cabai naik di pasar Klaten")]
    links.append(news.article("/kabar/asn.html", "Bawaslu Klaten periksa ASN soal netralitas"))
    page = news.routes["/kabar/asn.html"]
    page.body = page.body.replace(b"<p>", f"<p>{ASN} ".encode(), 1)
    feed = news.feed("/rss.xml", links)
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources: [{{name: kabar-klaten, feeds: ['{feed}'], region: '33.10'}}]\n")
    env = {
        **os.environ,
        "PANTAU_WATCH__SOURCES_FILE": str(sources),
        "PANTAU_DATA_DIR": str(tmp_path),
    }
    pantau = Path(sys.executable).parent / "pantau"
    proc = subprocess.Popen([str(pantau), "watch"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while _indexed(tmp_path / "index.sqlite3") < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            time.sleep(0.3)
        assert _indexed(tmp_path / "index.sqlite3") == 2
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert "watch stopped: 2 articles published, 0 failed" in out
    alerts = subprocess.run([str(pantau), "alerts", "list", "--format", "json"], env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    fired = json.loads(alerts.stdout)
    assert [a["title"] for a in fired] == ["Bawaslu Klaten periksa ASN soal netralitas"]
    status = subprocess.run([str(pantau), "sources", "list", "--format", "json"], env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    health = json.loads(status.stdout)[0]
    assert (health["name"], health["state"], health["articles_per_day"]) == (
        "kabar-klaten", "ok", 2,
    )  # fmt: skip
