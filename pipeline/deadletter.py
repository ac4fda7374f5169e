"""DeadLetterFile: where the embedded mode keeps messages no stage could take (JSON lines)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.bus import Message


class DeadLetterFile:
    """Appends each unrouted message to `<dir>/<topic>.jsonl`, with its headers (the reason)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0

    def __call__(self, msg: Message) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        record: dict[str, Any] = {
            "at": datetime.now(UTC).isoformat(),
            "topic": msg.topic,
            "key": msg.key,
            "headers": dict(msg.headers),
        }
        try:
            record["value"] = msg.value.decode("utf-8")
        except UnicodeDecodeError:
            record["value_b64"] = base64.b64encode(msg.value).decode("ascii")
        with (self.directory / f"{msg.topic}.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1

    def path(self, topic: str) -> Path:
        return self.directory / f"{topic}.jsonl"

    def read(self, topic: str) -> list[dict[str, Any]]:
        path = self.path(topic)
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def message(record: Mapping[str, Any], *, offset: int) -> Message:
    """A dead-letter file's record as the message it was (`offset`: its line number)."""
    if "value_b64" in record:
        value = base64.b64decode(record["value_b64"])
    else:
        value = str(record["value"]).encode("utf-8")
    headers = {str(k): str(v) for k, v in dict(record.get("headers") or {}).items()}
    return Message(str(record["topic"]), value, record.get("key"), headers, 0, offset)
