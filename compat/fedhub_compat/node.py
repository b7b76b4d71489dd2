"""A vantage6 4.x node without Docker, for driving fedhub with the official node protocol.

The HTTP side is the upstream ``NodeClient`` (vantage6-common), so every REST call is the one a
real node makes. The socket side is python-socketio at the version the 4.x node pins, connected
to ``/tasks`` with the node's ``Authorization`` header, answering the same events. The proxy that
algorithm containers talk to is the upstream node's own proxy module (vantage6-node, installed
without its Docker dependencies), loaded once per runner so that several nodes can share one
Python process. Algorithms run as local subprocesses through the algorithm-tools wrapper, with
the files and (encoded) environment variables a container would get.

Each node runs in a process of its own (``python -m fedhub_compat.node CONFIG``), as real nodes
do: upstream's ``RSACryptor`` is a process-wide singleton, so one process can hold one private
key only. The runner appends what the tests need to know (events heard, runs killed) to
``events.jsonl`` in its work folder.

What follows the 4.x node, in the order it does things:

1. ``POST token/node``, ``GET node/{id}``, ``GET organization/{id}``, token refresh thread;
2. ``GET collaboration/{id}`` to compare the encryption setting, and the key upload if needed;
3. the proxy server, then the socket; on ``sync``: list open runs, queue them, send
   ``node_info_update``; a ``ping`` 5 s after connecting and then every ping interval;
4. per run: ``PATCH run`` started_at, ``POST token/container``, start, ``PATCH run`` status,
   ``algorithm_status_change``; one ``algorithm_log`` per output line; at the end
   ``algorithm_status_change``, ``GET run``, ``GET task``, then ``PATCH run`` with the result
   encrypted for the initiating organization, the log, the status and finished_at;
5. ``kill_containers``: stop matching runs, ``PATCH run`` killed, ``algorithm_status_change``.
"""

from __future__ import annotations

import base64
import datetime
import importlib.util
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import socketio
import vantage6
from vantage6.common.client.node_client import NodeClient
from vantage6.common.exceptions import AuthenticationException
from vantage6.common.globals import ENV_VAR_EQUALS_REPLACEMENT, PING_INTERVAL_SECONDS
from vantage6.common.task_status import TaskStatus
from werkzeug.serving import make_server

ALGORITHMS_DIR = Path(__file__).resolve().parent.parent / 'algorithms'
WRAPPER = 'from vantage6.algorithm.tools.wrap import wrap_algorithm; wrap_algorithm()'
SOCKET_CONNECT_LIMIT_S = 60


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def encode_env(value: Any) -> str:
    """The node's transport encoding of container environment values (base32, '=' swapped)."""
    encoded = base64.b32encode(str(value).encode('utf-8')).decode('utf-8')
    return encoded.replace('=', ENV_VAR_EQUALS_REPLACEMENT)


def load_upstream_proxy(instance: str):
    """A fresh copy of vantage6-node's proxy module; importing ``vantage6.node`` would need Docker."""
    for root in vantage6.__path__:
        candidate = Path(root) / 'node' / 'proxy_server.py'
        if candidate.exists():
            spec = importlib.util.spec_from_file_location(f'compat_proxy_{instance}', candidate)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise RuntimeError('vantage6-node is not installed: its proxy_server module is missing')


@dataclass
class Database:
    label: str
    uri: str
    type: str = 'csv'


@dataclass
class ActiveRun:
    run_id: int
    task_id: int
    parent_id: int | None
    process: subprocess.Popen
    folder: Path
    log_lines: list[str] = field(default_factory=list)
    killed: bool = False


@dataclass
class KilledRun:
    run_id: int
    task_id: int
    parent_id: int | None


class NodeNamespace(socketio.ClientNamespace):
    """Handlers of the ``/tasks`` events the 4.x node listens to."""

    def __init__(self, runner: NodeRunner) -> None:
        super().__init__('/tasks')
        self.runner = runner

    def trigger_event(self, event, *args):
        self.runner.record_event(event, args)
        return super().trigger_event(event, *args)

    def on_connect(self):
        self.runner.log.info('socket connected to /tasks')

    def on_disconnect(self, *args):
        self.runner.log.info('socket disconnected')

    def on_message(self, msg):
        self.runner.log.info('server message: %s', msg)

    def on_sync(self):
        self.runner.sync_task_queue()
        self.runner.share_node_details()

    def on_new_task(self, data):
        self.runner.queue_task(data.get('id'))

    def on_algorithm_status_change(self, data):
        pass

    def on_kill_containers(self, kill_info):
        for killed in self.runner.kill_runs(kill_info):
            self.emit('algorithm_status_change', self.runner.status_event(killed, TaskStatus.KILLED))

    def on_expired_token(self):
        runner = self.runner
        runner.log.warning('server says the token expired: refresh and reconnect')
        runner.sio.disconnect()
        runner.client.refresh_token()
        runner.connect_socket()
        runner.sync_task_queue()

    def on_invalid_token(self):
        runner = self.runner
        runner.log.warning('server says the token is invalid: log in again and reconnect')
        runner.sio.disconnect()
        runner.authenticate()
        runner.connect_socket()


class NodeRunner:
    """One node: NodeClient + /tasks socket + upstream proxy + local algorithm processes."""

    def __init__(
        self,
        *,
        name: str,
        host: str,
        port: int,
        api_path: str,
        api_key: str,
        workdir: Path,
        databases: list[Database],
        algorithms: dict[str, str],
        private_key: Path | None = None,
        ping_interval: float = PING_INTERVAL_SECONDS,
    ) -> None:
        self.name = name
        self.api_key = api_key
        self.workdir = Path(workdir)
        self.databases = databases
        self.algorithms = algorithms
        self.private_key = private_key
        self.ping_interval = ping_interval
        self.log = logging.getLogger(f'compat.node.{name}')
        self.client = NodeClient(host=host, port=port, path=api_path)
        self.queue: queue.Queue[dict | None] = queue.Queue()
        self.active: dict[int, ActiveRun] = {}
        self.finished: queue.Queue[ActiveRun] = queue.Queue()
        self.lock = threading.RLock()
        self.stopping = threading.Event()
        self.sio: socketio.Client | None = None
        self.proxy = None
        self.proxy_server = None
        self.proxy_port = 0

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> NodeRunner:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.authenticate()
        self.client.auto_refresh_token()
        self.setup_encryption()
        self.start_proxy()
        self.connect_socket()
        for worker in (self.run_queue_worker, self.result_worker):
            threading.Thread(target=worker, daemon=True, name=f'{self.name}-{worker.__name__}').start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.queue.put(None)
        with self.lock:
            runs = list(self.active.values())
        for run in runs:
            if run.process.poll() is None:
                run.process.kill()
        if self.sio is not None:
            self.sio.disconnect()
        if self.proxy_server is not None:
            self.proxy_server.shutdown()

    def authenticate(self) -> None:
        # The 4.x node stops on a refused key and retries any other failure.
        deadline = time.monotonic() + 60
        while True:
            try:
                self.client.authenticate(self.api_key)
                return
            except AuthenticationException:
                raise
            except Exception:
                if time.monotonic() > deadline:
                    raise
                self.log.exception('node login failed, retrying')
                time.sleep(1)

    def setup_encryption(self) -> None:
        encrypted = self.client.is_encrypted_collaboration()
        if encrypted != (self.private_key is not None):
            raise RuntimeError(f'{self.name}: encryption setting does not match the collaboration')
        self.client.setup_encryption(str(self.private_key) if encrypted else None)

    def start_proxy(self) -> None:
        self.proxy = load_upstream_proxy(f'{self.name}_{id(self)}'.replace(' ', '_'))
        self.proxy.app.config['SERVER_IO'] = self.client
        self.proxy.server_url = self.client.base_path
        self.proxy_server = make_server('127.0.0.1', 0, self.proxy.app, threaded=True)
        self.proxy_port = self.proxy_server.server_port
        threading.Thread(target=self.proxy_server.serve_forever, daemon=True).start()

    def connect_socket(self) -> None:
        self.sio = socketio.Client(request_timeout=60)
        self.sio.register_namespace(NodeNamespace(self))
        self.sio.connect(
            url=f'{self.client.host}:{self.client.port}',
            headers=self.client.headers,
            wait=False,
        )
        deadline = time.monotonic() + SOCKET_CONNECT_LIMIT_S
        while not self.sio.connected:
            if time.monotonic() > deadline:
                raise RuntimeError(f'{self.name}: no socket connection within 60 s')
            time.sleep(0.2)
        self.sio.start_background_task(self.ping_worker, self.sio)

    def ping_worker(self, sio: socketio.Client) -> None:
        time.sleep(min(5, self.ping_interval))
        while not self.stopping.is_set() and sio is self.sio:
            if sio.connected:
                try:
                    sio.emit('ping', namespace='/tasks')
                except Exception:
                    self.log.exception('ping failed')
            self.stopping.wait(self.ping_interval)

    def record(self, kind: str, **fields: Any) -> None:
        line = json.dumps({'kind': kind, **fields}, default=str)
        with self.lock, open(self.workdir / 'events.jsonl', 'a') as out:
            out.write(line + '\n')

    def record_event(self, event: str, args: tuple) -> None:
        self.record('event', name=event, args=list(args))

    # -- events ----------------------------------------------------------------------------

    def sync_task_queue(self) -> None:
        for run in self.client.run.list(state='open', include_task=True):
            self.enqueue(run)

    def queue_task(self, task_id: int) -> None:
        for run in self.client.run.list(state='open', include_task=True, task_id=task_id):
            self.enqueue(run)

    def enqueue(self, run: dict) -> None:
        with self.lock:
            running = run['id'] in self.active
        if not running:
            self.queue.put(run)

    def share_node_details(self) -> None:
        details: dict[str, Any] = {
            'encryption': self.private_key is not None,
            'allowed_algorithms': 'all',
            'database_labels': [db.label for db in self.databases],
            'database_types': {f'db_type_{db.label}': db.type for db in self.databases},
        }
        columns = {
            f'columns_{db.label}': Path(db.uri).read_text().splitlines()[0].split(',')
            for db in self.databases
            if db.type == 'csv'
        }
        if columns:
            details['database_columns'] = columns
        self.sio.emit('node_info_update', details, namespace='/tasks')

    def status_event(self, run: ActiveRun | KilledRun, status: str) -> dict:
        return {
            'node_id': self.client.whoami.id_,
            'status': status,
            'run_id': run.run_id,
            'task_id': run.task_id,
            'collaboration_id': self.client.collaboration_id,
            'organization_id': self.client.whoami.organization_id,
            'parent_id': run.parent_id,
        }

    def emit_status(self, run: ActiveRun | KilledRun, status: str) -> None:
        # The 4.x node waits up to 30 s for the namespace after a reconnect.
        deadline = time.monotonic() + 30
        while '/tasks' not in self.sio.namespaces and time.monotonic() < deadline:
            time.sleep(0.2)
        self.sio.emit('algorithm_status_change', self.status_event(run, status), namespace='/tasks')

    def kill_runs(self, kill_info: dict) -> list[KilledRun]:
        if kill_info.get('collaboration_id') != self.client.collaboration_id:
            return []
        if 'node_id' in kill_info and kill_info['node_id'] != self.client.whoami.id_:
            return []
        wanted = None
        if kill_info.get('kill_list'):
            own_org = self.client.whoami.organization_id
            wanted = {
                entry['run_id'] for entry in kill_info['kill_list'] if entry['organization_id'] == own_org
            }
        killed = []
        with self.lock:
            targets = [r for r in self.active.values() if wanted is None or r.run_id in wanted]
            for run in targets:
                run.killed = True
        for run in targets:
            if run.process.poll() is None:
                run.process.kill()
            self.record('killed', run_id=run.run_id)
            self.client.run.patch(id_=run.run_id, data={'status': TaskStatus.KILLED})
            killed.append(KilledRun(run.run_id, run.task_id, run.parent_id))
        return killed

    # -- running algorithms ----------------------------------------------------------------

    def run_queue_worker(self) -> None:
        while not self.stopping.is_set():
            run = self.queue.get()
            if run is None:
                return
            try:
                self.start_run(run)
            except Exception:
                self.log.exception('starting run %s failed', run.get('id'))

    def start_run(self, run: dict) -> None:
        task = run['task']
        parent = task.get('parent')
        parent_id = parent.get('id') if isinstance(parent, dict) else None
        self.client.set_task_start_time(run['id'])
        token = self.client.request_token_for_container(task['id'], task['image'])
        if 'container_token' not in token:
            self.client.run.patch(
                id_=run['id'],
                data={'status': TaskStatus.FAILED, 'log': 'Could not obtain algorithm container token'},
            )
            return

        package = self.algorithms.get(task['image'])
        placeholder = ActiveRun(run['id'], task['id'], parent_id, None, self.workdir)  # type: ignore[arg-type]
        if package is None:
            self.client.run.patch(id_=run['id'], data={'status': TaskStatus.NO_DOCKER_IMAGE})
            self.emit_status(placeholder, TaskStatus.NO_DOCKER_IMAGE)
            return

        folder = self.workdir / f'run-{run["id"]}'
        (folder / 'tmp').mkdir(parents=True, exist_ok=True)
        run_input = run['input']
        if isinstance(run_input, dict):
            run_input = json.dumps(run_input)
        if isinstance(run_input, str):
            run_input = run_input.encode('utf-8')
        (folder / 'input').write_bytes(run_input or b'')
        (folder / 'token').write_text(token['container_token'])
        process = subprocess.Popen(
            [sys.executable, '-c', WRAPPER],
            env=self.container_env(folder, package, task.get('databases') or []),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
        active = ActiveRun(run['id'], task['id'], parent_id, process, folder)
        with self.lock:
            self.active[run['id']] = active
        self.client.run.patch(id_=run['id'], data={'status': TaskStatus.ACTIVE})
        self.emit_status(active, TaskStatus.ACTIVE)
        threading.Thread(target=self.watch_run, args=(active,), daemon=True).start()

    def container_env(self, folder: Path, package: str, databases: list[dict]) -> dict[str, str]:
        variables: dict[str, Any] = {
            'INPUT_FILE': folder / 'input',
            'OUTPUT_FILE': folder / 'output',
            'TOKEN_FILE': folder / 'token',
            'TEMPORARY_FOLDER': folder / 'tmp',
            'HOST': 'http://127.0.0.1',
            'PORT': self.proxy_port,
            'API_PATH': '',
            'USER_REQUESTED_DATABASE_LABELS': ','.join(db['label'] for db in databases),
            'DB_LABELS': ','.join(db.label for db in self.databases),
        }
        for db in self.databases:
            variables[f'{db.label.upper()}_DATABASE_URI'] = db.uri
            variables[f'{db.label.upper()}_DATABASE_TYPE'] = db.type
        env = {key: encode_env(value) for key, value in variables.items()}
        # Set by the image, not by the node, so these travel unencoded.
        env['PKG_NAME'] = package
        env['PYTHONPATH'] = str(ALGORITHMS_DIR)
        env['PATH'] = os.environ.get('PATH', '')
        env['PYTHONUNBUFFERED'] = '1'
        return env

    def watch_run(self, run: ActiveRun) -> None:
        for raw in run.process.stdout:
            line = raw.decode('utf-8', errors='replace')
            run.log_lines.append(line)
            if self.sio is not None and self.sio.connected and not run.killed:
                self.sio.emit(
                    'algorithm_log',
                    {
                        'collaboration_id': self.client.collaboration_id,
                        'run_id': run.run_id,
                        'task_id': run.task_id,
                        'log': line,
                    },
                    namespace='/tasks',
                )
        run.process.wait()
        if run.killed:
            with self.lock:
                self.active.pop(run.run_id, None)
            return
        self.finished.put(run)

    def result_worker(self) -> None:
        while not self.stopping.is_set():
            try:
                run = self.finished.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                self.send_result(run)
            except Exception:
                self.log.exception('sending the result of run %s failed', run.run_id)
            finally:
                with self.lock:
                    self.active.pop(run.run_id, None)

    def send_result(self, run: ActiveRun) -> None:
        status = TaskStatus.COMPLETED if run.process.returncode == 0 else TaskStatus.CRASHED
        output = run.folder / 'output'
        data = output.read_bytes() if output.exists() else b''
        self.emit_status(run, status)
        task_id = self.client.request(f'run/{run.run_id}').get('task').get('id')
        init_org = self.client.request(f'task/{task_id}').get('init_org')
        self.client.run.patch(
            id_=run.run_id,
            data={
                'result': data,
                'log': ''.join(run.log_lines),
                'status': status,
                'finished_at': utc_now(),
            },
            init_org_id=init_org.get('id'),
        )


def main() -> None:
    """``python -m fedhub_compat.node CONFIG``: run one node until SIGTERM."""
    config = json.loads(Path(sys.argv[1]).read_text())
    workdir = Path(config['workdir'])
    workdir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=workdir / 'node.log',
        level=logging.INFO,
        format='%(asctime)s %(levelname)s %(name)s: %(message)s',
    )
    runner = NodeRunner(
        name=config['name'],
        host=config['host'],
        port=config['port'],
        api_path=config['api_path'],
        api_key=config['api_key'],
        workdir=workdir,
        databases=[Database(**db) for db in config['databases']],
        algorithms=config['algorithms'],
        private_key=Path(config['private_key']) if config.get('private_key') else None,
    )
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        runner.start()
        runner.record('started')
    except Exception as error:
        logging.exception('node start failed')
        runner.record('start_failed', error=repr(error))
        raise SystemExit(1) from error
    done.wait()
    runner.stop()


if __name__ == '__main__':
    main()
