"""Sets up a network the way an administrator does: with the official UserClient, as root."""

from __future__ import annotations

import base64
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from vantage6.client import UserClient
from vantage6.common.encryption import RSACryptor

IMAGE = 'compat/stats'
ALGORITHMS = {IMAGE: 'compat_stats'}
# Each organization's data: one numeric column; the expected figures are computed from these.
DATA = {
    'north': [31, 47, 52, 29, 60],
    'east': [18, 44, 39],
    'south': [70, 65, 58, 41, 33, 25, 49],
}


@dataclass
class Settings:
    host: str
    port: int
    api_path: str
    root_user: str
    root_password: str
    deadline_s: float

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            host=os.environ.get('COMPAT_HOST', 'http://127.0.0.1'),
            port=int(os.environ['COMPAT_PORT']),
            api_path=os.environ.get('COMPAT_API_PATH', '/api'),
            root_user=os.environ.get('COMPAT_ROOT_USER', 'root'),
            root_password=os.environ['COMPAT_ROOT_PASSWORD'],
            deadline_s=float(os.environ.get('COMPAT_DEADLINE_S', '120')),
        )

    def client(self, username: str, password: str) -> UserClient:
        client = UserClient(self.host, self.port, self.api_path, log_level='warn')
        client.authenticate(username, password)
        if client.whoami is None:
            raise AssertionError(f'{username} could not log in')
        return client


@dataclass
class Organization:
    key: str
    id: int
    name: str
    private_key: Path


@dataclass
class Collaboration:
    id: int
    name: str
    encrypted: bool
    # organization key -> (node id, api key)
    nodes: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass
class Account:
    id: int
    username: str
    password: str
    organization: str


@dataclass
class Network:
    suffix: str
    organizations: dict[str, Organization]
    collaborations: dict[str, Collaboration]
    accounts: dict[str, Account]
    data_files: dict[str, Path]


def wait_until(predicate, deadline_s: float, interval_s: float = 0.25, what: str = 'condition'):
    """Polls until predicate() is truthy; returns its value or fails after the deadline."""
    deadline = time.monotonic() + deadline_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f'{what} not reached within {deadline_s} s')
        time.sleep(interval_s)


def new_key(path: Path) -> str:
    """Writes a private key and returns the public key as the server stores it (base64 of PEM)."""
    private_key = RSACryptor.create_new_rsa_key(path)
    return base64.b64encode(RSACryptor.create_public_key_bytes(private_key)).decode()


def expect_id(response: dict, what: str) -> int:
    if not isinstance(response, dict) or 'id' not in response:
        raise AssertionError(f'{what} failed: {response}')
    return response['id']


def build_network(settings: Settings, root: UserClient, folder: Path) -> Network:
    suffix = uuid.uuid4().hex[:8]
    organizations: dict[str, Organization] = {}
    data_files: dict[str, Path] = {}
    for key, values in DATA.items():
        key_file = folder / f'{key}.pem'
        public_key = new_key(key_file)
        name = f'compat {key} {suffix}'
        created = root.organization.create(
            name=name,
            address1=f'{key} street 1',
            address2='Compat city',
            zipcode='1234 AB',
            country='NL',
            domain=f'{key}.example.org',
            public_key=public_key,
        )
        organizations[key] = Organization(key, expect_id(created, 'organization create'), name, key_file)
        csv = folder / f'{key}.csv'
        csv.write_text('age,weight\n' + ''.join(f'{v},{70 + i}\n' for i, v in enumerate(values)))
        data_files[key] = csv

    org_ids = [org.id for org in organizations.values()]
    collaborations = {}
    for label, encrypted in (('encrypted', True), ('plain', False)):
        name = f'compat {label} {suffix}'
        created = root.collaboration.create(name=name, organizations=org_ids, encrypted=encrypted)
        collab = Collaboration(expect_id(created, 'collaboration create'), name, encrypted)
        for org in organizations.values():
            node = root.node.create(
                collaboration=collab.id, organization=org.id, name=f'{org.key} {label} {suffix}'
            )
            collab.nodes[org.key] = (expect_id(node, 'node create'), node['api_key'])
        collaborations[label] = collab

    roles = {role['name']: role['id'] for role in root.role.list(per_page=50)['data']}
    kill_rule = root.rule.list(name='event', scope='col', operation='s')['data']
    assert len(kill_rule) == 1, kill_rule
    killer = root.role.create(
        name=f'compat task killer {suffix}',
        description='may kill tasks in the collaborations of its organization',
        rules=[kill_rule[0]['id']],
        organization=organizations['north'].id,
    )
    accounts = {}
    for label, org_key, role_ids in (
        ('researcher', 'north', [roles['Researcher'], expect_id(killer, 'role create')]),
        ('admin', 'east', [roles['Organization Admin']]),
        ('viewer', 'south', [roles['Viewer']]),
    ):
        username = f'{label}-{suffix}'
        password = f'Compat-{uuid.uuid4().hex}!'
        created = root.user.create(
            username=username,
            firstname=label.title(),
            lastname='Compat',
            password=password,
            email=f'{username}@example.org',
            organization=organizations[org_key].id,
            roles=role_ids,
        )
        accounts[label] = Account(expect_id(created, 'user create'), username, password, org_key)
    return Network(suffix, organizations, collaborations, accounts, data_files)
