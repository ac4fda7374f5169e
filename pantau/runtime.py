"""Runtime: the one owner of a process's bus, stages, alert dispatcher and search backend."""

from __future__ import annotations

import logging
from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING

from pantau.config import Settings
from pantau.wiring import Stages, StagesLoading, attach_stages, build_backend, build_bus

if TYPE_CHECKING:
    from pipeline.bus import Bus
    from search.backend import SearchBackend

log = logging.getLogger(__name__)

ALL_STAGES = ("enrich", "index", "alert")


class Runtime:
    """What one entry point runs (demo, crawl, ingest, serve, a worker), as a context
    manager: on every exit path, the bus is flushed and closed, then the dispatcher
    stopped and the alert store closed, then the search backend closed.

    `stages` names the stages to attach to the bus on entry (or `attach` them later);
    `loading=True` attaches them in a background thread (the NLP pipeline loads while
    something else starts; `stages` waits for it). `backend=False` / `bus=False`: this
    process needs no index / no bus.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        stages: tuple[str, ...] = (),
        backend: bool = True,
        bus: bool = True,
        loading: bool = False,
        group_prefix: str = "pantau",
    ) -> None:
        self.settings = settings
        self._names = stages
        self._want_backend = backend
        self._want_bus = bus
        self._loading_wanted = loading
        self._group_prefix = group_prefix
        self._backend: SearchBackend | None = None
        self._bus: Bus | None = None
        self._stages: Stages | None = None
        self._loading: StagesLoading | None = None
        self._stack = ExitStack()
        self._opened = False
        self.closed = False

    def __enter__(self) -> Runtime:
        return self.open()

    def open(self) -> Runtime:
        """Build everything (once); a failure closes what was built and raises."""
        if self._opened:
            return self
        self._opened = True
        stack = self._stack
        try:
            if self._want_backend:
                self._backend = build_backend(self.settings)
                stack.callback(self._backend.close)
            stack.callback(self._stop_alerts)
            if self._want_bus:
                self._bus = build_bus(self.settings)
                stack.callback(self._bus.close)  # flushes first: the stages still run
            if self._names and self._loading_wanted:
                self._loading = StagesLoading(self.settings, self.bus, backend=self._backend)
            elif self._names:
                self.attach(self._names)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def attach(self, names: tuple[str, ...]) -> Stages:
        """Attach these stages to the bus now (a worker first makes sure its topics exist)."""
        assert self._stages is None and self._loading is None, "stages are attached once"
        self._stages = attach_stages(
            self.settings,
            self.bus,
            names,
            backend=self._backend,
            group_prefix=self._group_prefix,
        )
        return self._stages

    def close(self) -> None:
        """Close everything this runtime opened, each step even when an earlier one fails."""
        if not self.closed:
            self.closed = True
            self._stack.close()

    @property
    def bus(self) -> Bus:
        assert self._bus is not None, "use the Runtime in a with block"
        return self._bus

    @property
    def backend(self) -> SearchBackend:
        assert self._backend is not None, "a Runtime made with backend=False has none"
        return self._backend

    @property
    def stages(self) -> Stages:
        """The attached stages (waiting for them when they load in the background)."""
        if self._stages is None and self._loading is not None:
            self._stages = self._loading.wait()
        return self._stages if self._stages is not None else Stages()

    def _stop_alerts(self) -> None:
        stages = self._stages
        if stages is None and self._loading is not None:
            try:
                stages = self._loading.wait()
            except BaseException:  # the caller saw (or never needed) the loading error
                log.debug("stages failed to load; nothing of theirs to stop", exc_info=True)
                return
        if stages is not None and stages.dispatcher is not None:
            stages.dispatcher.stop()
            stages.dispatcher.store.close()
