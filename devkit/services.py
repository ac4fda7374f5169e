"""Start, stop and inspect the real Kafka, Elasticsearch and PostgreSQL servers the tests use."""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch import TransportError as EsTransportError
from elasticsearch.exceptions import ApiError
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from devkit import postgres

REPO = Path(__file__).resolve().parents[1]
SERVICES_DIR = REPO / "services"
DEFAULT_STATE_DIR = REPO / ".services"
HOST = "127.0.0.1"
KAFKA = "kafka"
ELASTICSEARCH = "elasticsearch"
POSTGRES = "postgres"
SERVICES = (KAFKA, ELASTICSEARCH, POSTGRES)
TITLE = {KAFKA: "Kafka", ELASTICSEARCH: "Elasticsearch", POSTGRES: "PostgreSQL"}
# The JVM's main class, also how down() recognises its own process behind a pid file.
MAIN_CLASS = {KAFKA: "kafka.Kafka", ELASTICSEARCH: "id.pantau.es.PantauElasticsearch"}
# PostgreSQL's "fast shutdown"; its SIGTERM waits for every client to disconnect.
STOP_SIGNAL = {POSTGRES: signal.SIGINT}
JVM_FLAGS = {
    KAFKA: ["-Xms256m", "-Xmx512m"],
    ELASTICSEARCH: [
        "-Xms512m",
        "-Xmx768m",
        "-XX:MaxDirectMemorySize=256m",
        "-Dlog4j2.disable.jmx=true",
        "-Dlog4j2.formatMsgNoLookups=true",
        "-Dio.netty.noUnsafe=true",
        "-Dio.netty.noKeySetOptimization=true",
        "-Dio.netty.recycler.maxCapacityPerThread=0",
    ],
}
COMMON_JVM_FLAGS = [
    # log4j's own shutdown hook would stop logging before the service has finished stopping.
    "-Dlog4j.shutdownHookEnabled=false",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
]
STOP_GRACE_SECONDS = 30.0


class ServicesError(RuntimeError):
    """Something a person has to act on: a missing JDK, a busy port, a service that died."""


@dataclass(frozen=True)
class ServiceStatus:
    """What status() knows of one service."""

    name: str
    pid: int | None
    running: bool
    answering: bool
    port: int | None
    log: Path


def build(services_dir: Path) -> None:
    """Fetch Kafka and Elasticsearch from Maven Central and compile the glue, if out of date."""
    if _built(services_dir):
        return
    java_major()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServicesError("mvn not found: install Maven 3.8+ (apt-get install maven)")
    # clean: copy-dependencies never deletes, so a version bump would leave two on the classpath.
    command = [mvn, "-q", "-B", "-f", str(services_dir / "pom.xml"), "clean", "package"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise ServicesError(f"{' '.join(command)} failed ({result.returncode}):\n{tail}")
    (services_dir / "target" / ".built").touch()


def java_major() -> int:
    """The default java's feature version; raise unless it is 17 or newer."""
    java = shutil.which("java")
    if java is None:
        raise ServicesError("java not found: install a JDK 17 (apt-get install openjdk-17-jdk)")
    output = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(?:1\.)?(\d+)', output)
    if match is None or int(match.group(1)) < 17:
        found = output.strip().splitlines()[:1]
        raise ServicesError(f"{java} is not Java 17 or newer ({found}): install a JDK 17")
    return int(match.group(1))


def up(
    state_dir: Path,
    *,
    kafka_port: int = 9092,
    es_port: int = 9200,
    pg_port: int = postgres.DEFAULT_PORT,
    timeout: float = 180,
    names: Collection[str] = SERVICES,
) -> None:
    """Start whichever of `names` (Kafka, Elasticsearch, PostgreSQL) is not running, then
    wait until all answer.

    Kafka's controller listens on kafka_port + 1 and Elasticsearch's transport on
    es_port + 100. The timeout covers the wait, not a first Maven build.
    """
    every = {KAFKA: kafka_port, ELASTICSEARCH: es_port, POSTGRES: pg_port}
    ports = {name: port for name, port in every.items() if name in names}
    with _locked(state_dir):
        to_start = [name for name in ports if not _claim(state_dir, name, ports[name])]
        for name in to_start:
            _start(state_dir, name, ports[name])
        _wait_until_answering(state_dir, ports, timeout)
        if POSTGRES in ports:
            postgres.ensure_database(pg_port)


def down(state_dir: Path) -> None:
    """Stop every service (SIGTERM; PostgreSQL SIGINT), SIGKILL what is left after a grace
    period; forget their pids."""
    with _locked(state_dir):
        pids = {name: _own_pid(state_dir, name) for name in SERVICES}
        for name, pid in pids.items():
            if pid is not None:
                _signal(pid, STOP_SIGNAL.get(name, signal.SIGTERM))
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for pid in pids.values():
            if pid is not None and not _wait_exit(pid, deadline):
                _signal(pid, signal.SIGKILL)
                _wait_exit(pid, time.monotonic() + 10)
        for name in SERVICES:
            _run_file(state_dir, name, "pid").unlink(missing_ok=True)


def start(state_dir: Path, name: str, port: int, *, timeout: float = 180) -> None:
    """Start one service (KAFKA, ELASTICSEARCH or POSTGRES) unless it runs; wait until it
    answers.

    Restarts keep the data: a Kafka log dir or a PostgreSQL cluster already made is reused.
    """
    if name not in SERVICES:
        raise ServicesError(f"unknown service {name!r}: choose {', '.join(SERVICES)}")
    with _locked(state_dir):
        if not _claim(state_dir, name, port):
            _start(state_dir, name, port)
        _wait_until_answering(state_dir, {name: port}, timeout)
        if name == POSTGRES:
            postgres.ensure_database(port)


def stop(state_dir: Path, name: str, *, kill: bool = False) -> None:
    """Stop one service, leaving the others running (SIGKILL with kill=True)."""
    if name not in SERVICES:
        raise ServicesError(f"unknown service {name!r}: choose {', '.join(SERVICES)}")
    with _locked(state_dir):
        pid = _own_pid(state_dir, name)
        if pid is not None:
            _signal(pid, signal.SIGKILL if kill else STOP_SIGNAL.get(name, signal.SIGTERM))
            if not _wait_exit(pid, time.monotonic() + STOP_GRACE_SECONDS):
                _signal(pid, signal.SIGKILL)
                _wait_exit(pid, time.monotonic() + 10)
        _run_file(state_dir, name, "pid").unlink(missing_ok=True)


def status(state_dir: Path) -> dict[str, ServiceStatus]:
    """Pid, liveness and readiness of each service, as recorded under state_dir."""
    statuses: dict[str, ServiceStatus] = {}
    for name in SERVICES:
        pid = _own_pid(state_dir, name)
        port = _read_int(_run_file(state_dir, name, "port"))
        answering = pid is not None and port is not None and _answering(name, port)
        log = _log_file(state_dir, name)
        statuses[name] = ServiceStatus(name, pid, pid is not None, answering, port, log)
    return statuses


def _claim(state_dir: Path, name: str, port: int) -> bool:
    """True if our service already runs on port; raise if it or another process is in the way."""
    pid = _own_pid(state_dir, name)
    if pid is not None:
        running_port = _read_int(_run_file(state_dir, name, "port"))
        if running_port != port:
            raise ServicesError(
                f"{TITLE[name]} already runs (pid {pid}) on port {running_port}, not {port}: "
                f"run `scripts/services down --dir {state_dir}` first"
            )
        return True
    _run_file(state_dir, name, "pid").unlink(missing_ok=True)
    extra = {KAFKA: [port + 1], ELASTICSEARCH: [port + 100]}.get(name, [])
    for candidate in (port, *extra):
        if _port_busy(candidate):
            raise ServicesError(
                f"port {candidate} is in use by another process (needed by {TITLE[name]}): "
                "stop that process or choose other ports (--kafka-port/--es-port/--pg-port)"
            )
    return False


def _start(state_dir: Path, name: str, port: int) -> None:
    if name == POSTGRES:
        _start_postgres(state_dir, port)
        return
    java_major()
    build(SERVICES_DIR)
    if name == KAFKA:
        _start_kafka(state_dir, port)
    else:
        _start_elasticsearch(state_dir, port)


def _start_postgres(state_dir: Path, port: int) -> None:
    try:
        home = postgres.home_for(state_dir)
        data = postgres.prepare(home, _log_file(state_dir, "postgres-initdb"))
        owner = postgres.run_as()
        _launch(state_dir, POSTGRES, port, postgres.command(data, port), **owner)
    except postgres.PostgresError as exc:
        raise ServicesError(str(exc)) from exc


def _start_kafka(state_dir: Path, port: int) -> None:
    home = state_dir / KAFKA
    data = home / "data"
    config = home / "server.properties"
    _render("kafka-server.properties", config, port=port, controller_port=port + 1, log_dirs=data)
    if not (data / "meta.properties").exists():
        log = _log_file(state_dir, "kafka-format")
        tool = ["kafka.tools.StorageTool", "format", "-c", str(config)]
        command = _jvm(KAFKA, [*tool, "-t", _kafka_cluster_id()])
        with log.open("w") as out:
            result = subprocess.run(command, stdout=out, stderr=out, check=False)
        if result.returncode != 0:
            raise ServicesError(f"formatting Kafka storage in {data} failed: read {log}")
    _launch(state_dir, KAFKA, port, _jvm(KAFKA, ["kafka.Kafka", str(config)]))


def _start_elasticsearch(state_dir: Path, port: int) -> None:
    home = state_dir / ELASTICSEARCH
    config = home / "elasticsearch.properties"
    _render(
        "elasticsearch.properties",
        config,
        home=home / "home",
        data=home / "data",
        logs=state_dir / "logs",
        http_port=port,
        transport_port=port + 100,
    )
    command = _jvm(ELASTICSEARCH, [MAIN_CLASS[ELASTICSEARCH], str(config)])
    _launch(state_dir, ELASTICSEARCH, port, command)


# Children started by this interpreter: kept so they are reaped (no zombies, no warnings).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


def _jvm(name: str, args: list[str]) -> list[str]:
    """A java command line: heap and flags of the service, its logging, its classpath."""
    lib = "kafka-lib" if name == KAFKA else "es-lib"
    logging = SERVICES_DIR / "config" / f"{name}-log4j2.properties"
    return [
        _java(),
        *COMMON_JVM_FLAGS,
        *JVM_FLAGS[name],
        f"-Dlog4j2.configurationFile={logging}",
        "-cp",
        str(SERVICES_DIR / "target" / lib / "*"),
        *args,
    ]


def _launch(state_dir: Path, name: str, port: int, command: list[str], **run_as: Any) -> None:
    log = _log_file(state_dir, name)
    if log.exists():
        log.replace(log.with_suffix(".log.1"))
    with log.open("wb") as out:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=log.parent,
            start_new_session=True,
            **run_as,
        )
    _CHILDREN[child.pid] = child
    _run_file(state_dir, name, "port").write_text(f"{port}\n")
    _run_file(state_dir, name, "pid").write_text(f"{child.pid}\n")


def _wait_until_answering(state_dir: Path, ports: dict[str, int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = dict(ports)
    while waiting:
        for name, port in list(waiting.items()):
            log = _log_file(state_dir, name)
            if _own_pid(state_dir, name) is None:
                last = log.read_text(errors="replace").strip().splitlines()[-3:]
                raise ServicesError(
                    f"{TITLE[name]} exited while starting: read {log}\n" + "\n".join(last)
                )
            if _answering(name, port):
                del waiting[name]
        if waiting and time.monotonic() > deadline:
            name = next(iter(waiting))
            raise ServicesError(
                f"{TITLE[name]} did not answer on {HOST}:{waiting[name]} within {timeout:g} s: "
                f"read {_log_file(state_dir, name)}"
            )
        if waiting:
            time.sleep(0.5)


def _answering(name: str, port: int) -> bool:
    if not _port_busy(port):
        return False
    checks: dict[str, Callable[[int], bool]] = {
        KAFKA: _kafka_answers,
        ELASTICSEARCH: _es_answers,
        POSTGRES: postgres.answers,
    }
    return checks[name](port)


def _kafka_answers(port: int) -> bool:
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=f"{HOST}:{port}",
            client_id="pantau-services",
            bootstrap_timeout_ms=2000,
            request_timeout_ms=3000,
        )
    except KafkaError:
        return False
    try:
        return bool(admin.describe_cluster()["brokers"])
    except KafkaError:
        return False
    finally:
        admin.close()


def _es_answers(port: int) -> bool:
    client = Elasticsearch(f"http://{HOST}:{port}", request_timeout=3, max_retries=0)
    try:
        client.info()
        health = client.cluster.health(wait_for_status="yellow", timeout="1s")
        return health["status"] in ("yellow", "green")
    except (ApiError, EsTransportError):
        return False
    finally:
        client.close()


def _own_pid(state_dir: Path, name: str) -> int | None:
    """The pid in the pid file if that process is alive and is our JVM, else None."""
    pid = _read_int(_run_file(state_dir, name, "pid"))
    if pid is None:
        return None
    child = _CHILDREN.get(pid)
    if child is not None:  # just started: /proc may still show python's command line
        return pid if child.poll() is None else None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    ours = postgres.is_server(cmdline) if name == POSTGRES else MAIN_CLASS[name].encode() in cmdline
    return None if _zombie(pid) or not ours else pid


def _signal(pid: int, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have just exited by itself
        os.kill(pid, signum)


def _reap(pid: int) -> None:
    child = _CHILDREN.get(pid)
    if child is not None and child.poll() is not None:
        del _CHILDREN[pid]


def _wait_exit(pid: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        _reap(pid)
        if not Path(f"/proc/{pid}").exists() or _zombie(pid):
            return True
        time.sleep(0.2)
    return False


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] == "Z"
    except OSError:
        return False


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((HOST, port)) == 0


def _kafka_cluster_id() -> str:
    # Kafka's Uuid.randomUuid(): url-safe base64 of 16 random bytes, never starting with "-".
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _render(template: str, target: Path, **values: object) -> None:
    text = (SERVICES_DIR / "config" / template).read_text()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(Template(text).substitute({k: str(v) for k, v in values.items()}))


def _built(services_dir: Path) -> bool:
    target = services_dir / "target"
    stamp = target / ".built"
    jars = [
        *target.glob("kafka-lib/kafka_2.13-*.jar"),
        *target.glob("es-lib/elasticsearch-8.*.jar"),
        *target.glob("es-lib/pantau-es-node.jar"),
    ]
    if len(jars) < 3 or not stamp.exists():
        return False
    sources = [*services_dir.glob("**/pom.xml"), *services_dir.glob("*/src/**/*.java")]
    return all(path.stat().st_mtime <= stamp.stat().st_mtime for path in sources)


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise ServicesError("java not found: install a JDK 17 (apt-get install openjdk-17-jdk)")
    return java


def _run_file(state_dir: Path, name: str, kind: str) -> Path:
    return state_dir / "run" / f"{name}.{kind}"


def _log_file(state_dir: Path, name: str) -> Path:
    return state_dir / "logs" / f"{name}.log"


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _locked(state_dir: Path) -> Iterator[None]:
    """One up/down at a time per state dir."""
    for sub in ("run", "logs"):
        (state_dir / sub).mkdir(parents=True, exist_ok=True)
    with (state_dir / "run" / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def main(argv: list[str] | None = None) -> int:
    """`python -m devkit.services up|down|status`; status exits 3 unless all answer."""
    parser = argparse.ArgumentParser(prog="scripts/services", description=__doc__)
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_STATE_DIR, help="state directory")
    parser.add_argument("--kafka-port", type=int, default=9092)
    parser.add_argument("--es-port", type=int, default=9200)
    parser.add_argument("--pg-port", type=int, default=postgres.DEFAULT_PORT)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for up")
    args = parser.parse_args(argv)
    state_dir: Path = args.dir.resolve()
    try:
        if args.command == "up":
            started = time.monotonic()
            up(
                state_dir,
                kafka_port=args.kafka_port,
                es_port=args.es_port,
                pg_port=args.pg_port,
                timeout=args.timeout,
            )
            print(f"up in {time.monotonic() - started:.1f} s (logs in {state_dir / 'logs'})")
        elif args.command == "down":
            down(state_dir)
        statuses = status(state_dir)
    except ServicesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for s in statuses.values():
        state = "answering" if s.answering else "running" if s.running else "stopped"
        print(f"{s.name:<14} {state:<10} pid={s.pid or '-'} port={s.port or '-'} log={s.log}")
    if args.command == "status":
        return 0 if all(s.answering for s in statuses.values()) else 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
