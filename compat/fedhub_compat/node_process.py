"""The tests' handle on a node runner process (see node.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fedhub_compat.network import wait_until

COMPAT_DIR = Path(__file__).resolve().parent.parent


class NodeProcess:
    def __init__(self, config: dict) -> None:
        self.name = config['name']
        self.workdir = Path(config['workdir'])
        self.workdir.mkdir(parents=True, exist_ok=True)
        config_file = self.workdir / 'config.json'
        config_file.write_text(json.dumps(config))
        self.process = subprocess.Popen(
            [sys.executable, '-m', 'fedhub_compat.node', str(config_file)],
            cwd=COMPAT_DIR,
            stdout=open(self.workdir / 'stdout.log', 'ab'),
            stderr=subprocess.STDOUT,
        )

    def records(self) -> list[dict]:
        path = self.workdir / 'events.jsonl'
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line]

    def events(self, name: str) -> list[list]:
        return [r['args'] for r in self.records() if r['kind'] == 'event' and r['name'] == name]

    def killed_runs(self) -> set[int]:
        return {r['run_id'] for r in self.records() if r['kind'] == 'killed'}

    def wait_for_event(self, name: str, deadline_s: float) -> list[list]:
        def seen():
            if self.process.poll() is not None:
                raise AssertionError(f'node {self.name} exited: {self.log_tail()}')
            return self.events(name)

        try:
            return wait_until(seen, deadline_s, what=f'event {name} at node {self.name}')
        except AssertionError as error:
            raise AssertionError(f'{error}{self.log_tail()}') from None

    def log_tail(self, lines: int = 30) -> str:
        text = ''
        for name in ('node.log', 'stdout.log'):
            path = self.workdir / name
            if path.exists():
                text += f'\n--- {name}\n' + '\n'.join(path.read_text().splitlines()[-lines:])
        return text

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
