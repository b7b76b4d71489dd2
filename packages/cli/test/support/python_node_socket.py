"""A vantage6 node's socket as the official node opens it, with python-socketio from PyPI.

Connects to /tasks with the Authorization header (long-polling first, then the upgrade, the
library's defaults) and reconnects by itself. Prints one line per event for the test to read.
"""
import os
import sys

import socketio

client = socketio.Client()


def say(line: str) -> None:
    print(line, flush=True)


@client.on("sync", namespace="/tasks")
def on_sync():
    say("sync")


@client.on("disconnect", namespace="/tasks")
def on_disconnect(*_reason):
    say("disconnect")


client.connect(
    os.environ["NODE_SOCKET_URL"],
    headers={"Authorization": f"Bearer {os.environ['NODE_SOCKET_TOKEN']}"},
    namespaces=["/tasks"],
    socketio_path="socket.io",
    wait=False,
)
try:
    client.wait()
except KeyboardInterrupt:
    sys.exit(0)
