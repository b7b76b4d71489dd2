"""Fixtures: one network per session, built through the official clients against COMPAT_PORT."""

from __future__ import annotations

import pytest
from fedhub_compat.network import ALGORITHMS, DATA, Settings, build_network
from fedhub_compat.node_process import NodeProcess


@pytest.fixture(scope='session')
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope='session')
def root(settings):
    return settings.client(settings.root_user, settings.root_password)


@pytest.fixture(scope='session')
def network(settings, root, tmp_path_factory):
    return build_network(settings, root, tmp_path_factory.mktemp('network'))


@pytest.fixture(scope='session')
def researcher(settings, network):
    account = network.accounts['researcher']
    return settings.client(account.username, account.password)


@pytest.fixture(scope='session')
def encrypted_researcher(settings, network):
    """The same researcher with its organization's private key, as the client sets it up."""
    account = network.accounts['researcher']
    client = settings.client(account.username, account.password)
    client.setup_encryption(str(network.organizations[account.organization].private_key))
    return client


@pytest.fixture(scope='session')
def nodes(settings, network, tmp_path_factory):
    """A running node per organization in each collaboration: {(collaboration, org key): node}."""
    folder = tmp_path_factory.mktemp('nodes')
    processes: dict[tuple[str, str], NodeProcess] = {}
    try:
        for label, collab in network.collaborations.items():
            for org_key, (_node_id, api_key) in collab.nodes.items():
                org = network.organizations[org_key]
                processes[(label, org_key)] = NodeProcess(
                    {
                        'name': f'{org_key}-{label}',
                        'host': settings.host,
                        'port': settings.port,
                        'api_path': settings.api_path,
                        'api_key': api_key,
                        'workdir': str(folder / f'{org_key}-{label}'),
                        'databases': [{'label': 'default', 'uri': str(network.data_files[org_key])}],
                        'algorithms': ALGORITHMS,
                        'private_key': str(org.private_key) if collab.encrypted else None,
                    }
                )
        for node in processes.values():
            node.wait_for_event('sync', settings.deadline_s)
        yield processes
    finally:
        for node in processes.values():
            node.stop()


def expected_partial(org_key: str) -> dict:
    values = DATA[org_key]
    return {'sum': float(sum(values)), 'count': len(values)}
