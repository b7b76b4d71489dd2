"""A researcher runs federated tasks with the official client; nodes follow the 4.x protocol."""

from __future__ import annotations

import json

import pytest
from conftest import expected_partial
from fedhub_compat.network import DATA, IMAGE, expect_id, wait_until

pytestmark = pytest.mark.nodes
COLLABORATIONS = ['plain', 'encrypted']


def client_for(label, researcher, encrypted_researcher):
    return encrypted_researcher if label == 'encrypted' else researcher


def create_task(client, network, label, org_keys, payload, name):
    task = client.task.create(
        collaboration=network.collaborations[label].id,
        organizations=[network.organizations[key].id for key in org_keys],
        name=name,
        image=IMAGE,
        description=f'compat suite: {name}',
        input_=payload,
        databases=[{'label': 'default'}],
    )
    return expect_id(task, 'task create')


def results_by_org(client, task_id):
    runs = client.run.from_task(task_id)['data']
    org_of_run = {run['id']: run['organization']['id'] for run in runs}
    results = client.wait_for_results(task_id)['data']
    return {org_of_run[r['run']['id']]: json.loads(r['result']) for r in results}


def test_nodes_come_online_and_share_their_configuration(root, network, nodes, settings):
    for (label, org_key), _node in nodes.items():
        node_id = network.collaborations[label].nodes[org_key][0]

        def shared(n=node_id):
            # node_info_update is fire-and-forget, so the configuration shows up a little later.
            node = root.node.get(n)
            config = {(item['key'], item['value']) for item in node.get('config') or []}
            return config if node['status'] == 'online' and config else None

        config = wait_until(shared, settings.deadline_s, what=f'node {node_id} online with config')
        assert ('database_labels', 'default') in config
        assert ('encryption', 'true' if label == 'encrypted' else 'false') in config
        assert ('columns_default', 'age') in config


@pytest.mark.parametrize('label', COLLABORATIONS)
def test_partial_sums_from_every_organization(label, researcher, encrypted_researcher, network, nodes):
    client = client_for(label, researcher, encrypted_researcher)
    payload = {'method': 'partial', 'kwargs': {'column': 'age'}}
    task_id = create_task(client, network, label, list(DATA), payload, f'partial {label}')

    got = results_by_org(client, task_id)
    expected = {network.organizations[key].id: expected_partial(key) for key in DATA}
    assert got == expected

    task = client.task.get(task_id)
    assert task['status'] == 'completed'
    runs = client.run.from_task(task_id)['data']
    assert {run['status'] for run in runs} == {'completed'}
    for run in runs:
        assert run['started_at'] and run['finished_at'] and run['assigned_at']
        assert 'partial over' in run['log']
        # The client decrypts the input only for its own organization in the encrypted one.
        if label == 'plain' or run['organization']['id'] == network.organizations['north'].id:
            assert json.loads(run['input']) == payload


@pytest.mark.parametrize('label', COLLABORATIONS)
def test_algorithm_creates_a_child_task_through_the_node_proxy(
    label, researcher, encrypted_researcher, network, nodes
):
    client = client_for(label, researcher, encrypted_researcher)
    payload = {'method': 'central_mean', 'kwargs': {'column': 'age'}}
    task_id = create_task(client, network, label, ['north'], payload, f'central {label}')

    (result,) = client.wait_for_results(task_id)['data']
    outcome = json.loads(result['result'])
    values = [v for values in DATA.values() for v in values]
    assert outcome['count'] == len(values)
    assert outcome['mean'] == pytest.approx(sum(values) / len(values))
    assert outcome['organizations'] == sorted(o.id for o in network.organizations.values())

    child = client.task.get(outcome['child_task_id'])
    parent = client.task.get(task_id)
    assert child['parent']['id'] == task_id
    assert child['job_id'] == parent['job_id']
    assert child['init_user']['id'] == network.accounts['researcher'].id
    assert child['status'] == 'completed'
    assert len(client.run.from_task(child['id'])['data']) == len(DATA)


@pytest.mark.parametrize('label', COLLABORATIONS)
def test_researcher_kills_a_running_task(label, researcher, encrypted_researcher, network, nodes, settings):
    client = client_for(label, researcher, encrypted_researcher)
    payload = {'method': 'linger', 'kwargs': {'seconds': 240}}
    task_id = create_task(client, network, label, ['north', 'east'], payload, f'linger {label}')

    def all_active():
        runs = client.run.from_task(task_id)['data']
        return runs if {run['status'] for run in runs} == {'active'} else None

    runs = wait_until(all_active, settings.deadline_s, what='both runs active')
    client.task.kill(task_id)
    client.wait_for_results(task_id)
    assert client.task.get(task_id)['status'] == 'killed by user'
    runs = client.run.from_task(task_id)['data']
    assert {run['status'] for run in runs} == {'killed by user'}
    for org_key in ('north', 'east'):
        node = nodes[(label, org_key)]
        run_id = next(
            r['id'] for r in runs if r['organization']['id'] == network.organizations[org_key].id
        )
        wait_until(lambda n=node, r=run_id: r in n.killed_runs(), settings.deadline_s,
                   what=f'node {node.name} stops run {run_id}')
        kill_events = node.events('kill_containers')
        assert any(args[0]['kill_list'] for args in kill_events)


def test_crashing_algorithm_is_reported(researcher, network, nodes):
    payload = {'method': 'explode', 'kwargs': {'message': 'compat says no'}}
    task_id = create_task(researcher, network, 'plain', ['south'], payload, 'explode')
    researcher.wait_for_results(task_id)
    assert researcher.task.get(task_id)['status'] == 'crashed'
    (run,) = researcher.run.from_task(task_id)['data']
    assert run['status'] == 'crashed'
    assert 'compat says no' in run['log']


def test_unknown_image_is_reported_by_the_node(researcher, network, nodes):
    task = researcher.task.create(
        collaboration=network.collaborations['plain'].id,
        organizations=[network.organizations['east'].id],
        name='no such image',
        image='compat/does-not-exist',
        description='the node has no such algorithm',
        input_={'method': 'partial'},
        databases=[{'label': 'default'}],
    )
    task_id = expect_id(task, 'task create')
    researcher.wait_for_results(task_id)
    assert researcher.task.get(task_id)['status'] == 'non-existing Docker image'
