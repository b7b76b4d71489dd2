"""A researcher's task calls that need no node: create, read runs and inputs, kill a pending task."""

from __future__ import annotations

import json

from fedhub_compat.network import IMAGE, expect_id


def idle_collaboration(root, network, encrypted):
    """A collaboration whose nodes never connect, so its runs stay pending until killed."""
    name = f'compat idle {"encrypted" if encrypted else "plain"} {network.suffix}'
    orgs = [network.organizations['north'].id, network.organizations['east'].id]
    collab = expect_id(
        root.collaboration.create(name=name, organizations=orgs, encrypted=encrypted),
        'collaboration create',
    )
    for org in orgs:
        expect_id(root.node.create(collaboration=collab, organization=org), 'node create')
    return collab


def test_pending_task_runs_inputs_and_kill(root, researcher, encrypted_researcher, network):
    for encrypted, client in ((False, researcher), (True, encrypted_researcher)):
        collab = idle_collaboration(root, network, encrypted)
        orgs = [network.organizations['north'].id, network.organizations['east'].id]
        payload = {'method': 'partial', 'kwargs': {'column': 'age'}}
        task = client.task.create(
            collaboration=collab,
            organizations=orgs,
            name='stays pending',
            image=IMAGE,
            description='no node will pick this up',
            input_=payload,
            databases=[{'label': 'default'}],
        )
        task_id = expect_id(task, 'task create')
        assert task['collaboration']['id'] == collab
        assert client.task.get(task_id)['status'] == 'pending'

        runs = client.run.from_task(task_id)['data']
        assert sorted(run['organization']['id'] for run in runs) == sorted(orgs)
        assert {run['status'] for run in runs} == {'pending'}
        own = next(r for r in runs if r['organization']['id'] == network.organizations['north'].id)
        if encrypted:
            # Only the researcher's own organization's input can be decrypted with its key.
            assert json.loads(own['input']) == payload
        else:
            assert all(json.loads(run['input']) == payload for run in runs)

        client.task.kill(task_id)
        runs = client.run.from_task(task_id)['data']
        assert {run['status'] for run in runs} == {'killed by user'}
        assert all(run['finished_at'] for run in runs)
        assert client.task.get(task_id)['status'] == 'killed by user'
        results = client.wait_for_results(task_id)
        assert [r['result'] for r in results['data']] == [None, None]


def test_task_list_filters_by_collaboration(researcher, network):
    collab = network.collaborations['plain'].id
    listed = researcher.task.list(collaboration=collab, per_page=100)['data']
    assert all(task['collaboration']['id'] == collab for task in listed)
