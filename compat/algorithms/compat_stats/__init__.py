"""A small federated algorithm written against vantage6-algorithm-tools, as researchers write them.

``partial`` runs at every organization on its own data; ``central_mean`` runs at one organization,
creates a child task for the organizations of the collaboration with its container token and
combines their partial results; ``linger`` keeps running until it is killed (or a bound passes);
``explode`` fails, so the node reports a crash.
"""

import time

from vantage6.algorithm.tools.decorators import algorithm_client, data
from vantage6.algorithm.tools.util import info


@data(1)
def partial(df, column):
    values = df[column].dropna()
    info(f'partial over {len(values)} rows')
    return {'sum': float(values.sum()), 'count': int(values.count())}


@algorithm_client
def central_mean(client, column, organizations=None):
    if organizations is None:
        organizations = [org['id'] for org in client.organization.list()]
    info(f'creating a child task for organizations {organizations}')
    task = client.task.create(
        input_={'method': 'partial', 'kwargs': {'column': column}},
        organizations=organizations,
        name='compat partial',
        description='child task of central_mean',
    )
    results = client.wait_for_results(task_id=task['id'], interval=0.5)
    total = sum(result['sum'] for result in results)
    count = sum(result['count'] for result in results)
    return {
        'mean': total / count,
        'count': count,
        'child_task_id': task['id'],
        'organizations': sorted(organizations),
    }


def linger(seconds):
    info('lingering')
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.2)
    return {'lingered': seconds}


def explode(message):
    raise RuntimeError(message)
