"""A TCP proxy on loopback that can cut a connection after so many bytes in either direction: the dropped
uploads and downloads of the fault tests."""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass


@dataclass
class Fault:
    upstream_after: int | None = None  # cut once this many request bytes went to the server
    downstream_after: int | None = None  # cut once this many response bytes went to the client


class CuttingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self.faults: list[Fault] = []  # one per new connection, in order; then pass-through
        self.cuts = 0
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                fault = self.faults.pop(0) if self.faults else Fault()
            server = socket.create_connection(("127.0.0.1", self.target_port))
            done = threading.Event()
            threading.Thread(
                target=self._pump, args=(client, server, fault.upstream_after, done), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(server, client, fault.downstream_after, done), daemon=True
            ).start()

    def _pump(
        self, source: socket.socket, sink: socket.socket, limit: int | None, done: threading.Event
    ) -> None:
        sent = 0
        try:
            while not done.is_set():
                chunk = source.recv(4096)
                if not chunk:
                    break
                if limit is not None and sent + len(chunk) >= limit:
                    sink.sendall(chunk[: max(0, limit - sent)])
                    with self._lock:
                        self.cuts += 1
                    break
                sink.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        finally:
            done.set()
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
