"""Run localstripe (a Stripe-compatible test server) bound to loopback only, on a free
port, with an empty store: ``python tests/localstripe_server.py`` prints ``PORT <n>``."""

import asyncio
import logging
import socket
import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    store.clear()
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    logging.basicConfig(level=logging.WARNING)
    asyncio.set_event_loop(asyncio.new_event_loop())
    web.run_app(app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    sys.exit(main())
