"""An HTTPS server on loopback with the instrumentation every sandbox shares.

GET /__sandbox/requests lists the requests served (method, path, status, and for browsers the Sec-Fetch-Dest
and the client-side route a request loads data for); DELETE resets the list.
POST /__sandbox/faults injects answers for a method and path pattern: a status (429 comes with
rate-limit headers), a delay, or a dropped connection before or after the request is processed.
"""

import json
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: object
    body: bytes

    def arg(self, name, default=None):
        return self.query.get(name, [default])[0]

    def json(self):
        return json.loads(self.body or b"null")


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: object = field(default_factory=dict)  # a dict, or a list of pairs when a name repeats

    @classmethod
    def json(cls, status, data, headers=None):
        return cls(status, json.dumps(data).encode(), "application/json", headers or {})


@dataclass
class Fault:
    method: str
    path: re.Pattern
    count: int
    status: int = 0
    delay: float = 0.0
    drop: str = ""  # "before" or "after" the request is processed
    reset_in: int = 1
    reset_header: str = ""  # a 429's X-Rate-Limit-Reset as given (e.g. malformed), instead of now + reset_in


class Instruments:
    """The request log and the fault queue of one sandbox server."""

    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.faults = []

    def record(self, request, status):
        """One served request; "page_load" marks a document navigation or a client-side route change."""
        dest = request.headers.get("Sec-Fetch-Dest") or ""
        route = request.headers.get("X-Client-Route") or ""
        with self.lock:
            self.log.append(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "time": time.time(),
                    "dest": dest,
                    "route": route,
                    "page_load": dest == "document" or bool(route),
                }
            )

    def add_fault(self, spec):
        fault = Fault(
            method=spec.get("method", "*").upper(),
            path=re.compile(spec["path"]),
            count=int(spec.get("count", 1)),
            status=int(spec.get("status", 0)),
            delay=float(spec.get("delay", 0)),
            drop=spec.get("drop", ""),
            reset_in=int(spec.get("reset_in", 1)),
            reset_header=str(spec.get("reset_header", "")),
        )
        with self.lock:
            self.faults.append(fault)

    def take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault.count > 0 and fault.method in ("*", method) and fault.path.fullmatch(path):
                    fault.count -= 1
                    return fault
        return None


def fault_response(fault, rate_limit_headers):
    if fault.status == 429:
        headers = dict(
            rate_limit_headers,
            **{
                "X-Rate-Limit-Remaining": "0",
                "X-Rate-Limit-Reset": fault.reset_header or str(int(time.time()) + fault.reset_in),
            },
        )
        return Response.json(
            429,
            {
                "errorCode": "E0000047",
                "errorSummary": "API call exceeded rate limit due to too many requests.",
                "errorLink": "E0000047",
                "errorId": "sandbox",
                "errorCauses": [],
            },
            headers,
        )
    return Response.json(
        fault.status,
        {
            "errorCode": "E0000009",
            "errorSummary": "Internal Server Error",
            "errorLink": "E0000009",
            "errorId": "sandbox",
            "errorCauses": [],
        },
    )


class SandboxHandler(BaseHTTPRequestHandler):
    """Routes /__sandbox/* to the instruments and everything else to the service."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK stalls every response by
    # about 40 ms, a latency no real service adds on loopback and that would swamp what tools/bench measures.
    disable_nagle_algorithm = True
    service = None  # set on a subclass: an object with handle(request) -> Response and rate_limit_headers()

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # the request log is the record; keep stderr quiet

    def _dispatch(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(
            self.command,
            parts.path,
            parse_qs(parts.query, keep_blank_values=True),
            self.headers,
            self.rfile.read(length) if length else b"",
        )
        if parts.path.startswith("/__sandbox/"):
            self._send(self._instrumentation(request) or self.service.sandbox_api(request))
            return
        instruments = self.server.instruments
        fault = instruments.take_fault(request.method, request.path)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.drop == "before":
            instruments.record(request, 0)
            self._drop()
            return
        if fault and fault.status:
            response = fault_response(fault, self.service.rate_limit_headers())
        else:
            try:
                response = self.service.handle(request)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                response = Response.json(500, {"errorCode": "E0000009", "errorSummary": "sandbox error: %s" % exc})
        instruments.record(request, 0 if fault and fault.drop == "after" else response.status)
        if fault and fault.drop == "after":
            self._drop()
            return
        self._send(response)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _instrumentation(self, request):
        instruments = self.server.instruments
        if request.path == "/__sandbox/requests":
            if request.method == "DELETE":
                with instruments.lock:
                    instruments.log.clear()
                return Response(204)
            with instruments.lock:
                return Response.json(200, list(instruments.log))
        if request.path == "/__sandbox/faults":
            if request.method == "DELETE":
                with instruments.lock:
                    instruments.faults.clear()
                return Response(204)
            instruments.add_fault(request.json())
            return Response(201)
        return None

    def _send(self, response):
        self.send_response(response.status)
        headers = {"Content-Type": response.content_type, "Content-Length": str(len(response.body))}
        headers.update(self.service.rate_limit_headers())
        extra = list(response.headers.items() if isinstance(response.headers, dict) else response.headers)
        # A response's own header replaces the default of that name, so each is sent once, as Okta does.
        headers = {k: v for k, v in headers.items() if k.lower() not in {name.lower() for name, _value in extra}}
        for name, value in list(headers.items()) + extra:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _dispatch


def serve_https(service, cert_file, key_file, port=0):
    """Start an HTTPS server for service on 127.0.0.1 in a daemon thread; returns the server."""
    handler = type("Handler", (SandboxHandler,), {"service": service})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.instruments = Instruments()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
