"""An administrator sets up a network with the official UserClient; fedhub must answer as upstream."""

from __future__ import annotations

import base64
import subprocess
import sys
import uuid

from fedhub_compat.network import expect_id, new_key
from fedhub_compat.node_process import COMPAT_DIR


def test_version_and_health(root):
    assert root.util.get_server_version()['version'].startswith('4.')
    assert root.util.get_server_health() == {'database': True}


def test_organizations_keep_their_public_keys(root, network):
    for org in network.organizations.values():
        stored = root.organization.get(org.id)
        assert stored['name'] == org.name
        pem = base64.b64decode(stored['public_key'])
        assert pem.startswith(b'-----BEGIN PUBLIC KEY-----')


def test_collaborations_list_their_organizations_and_encryption(root, network):
    org_ids = sorted(org.id for org in network.organizations.values())
    for collab in network.collaborations.values():
        stored = root.collaboration.get(collab.id)
        assert stored['encrypted'] is collab.encrypted
        listed = root.organization.list(collaboration=collab.id)['data']
        assert sorted(org['id'] for org in listed) == org_ids


def test_nodes_get_an_api_key_once(root, network):
    for collab in network.collaborations.values():
        for org_key, (node_id, api_key) in collab.nodes.items():
            uuid.UUID(api_key)
            node = root.node.get(node_id)
            assert node['collaboration']['id'] == collab.id
            assert node['organization']['id'] == network.organizations[org_key].id
            assert 'api_key' not in node
        listed = root.node.list(collaboration=collab.id)['data']
        assert sorted(n['id'] for n in listed) == sorted(n for n, _ in collab.nodes.values())


def test_users_log_in_and_carry_their_roles(settings, root, network):
    expected = {'researcher': 'Researcher', 'admin': 'Organization Admin', 'viewer': 'Viewer'}
    for label, account in network.accounts.items():
        client = settings.client(account.username, account.password)
        assert client.whoami.organization_id == network.organizations[account.organization].id
        assert client.whoami.name == label.title()
        roles = root.role.list(user=account.id)['data']
        assert expected[label] in {role['name'] for role in roles}


def test_organization_admin_creates_users_in_its_own_organization_only(settings, network):
    admin = network.accounts['admin']
    client = settings.client(admin.username, admin.password)
    own = network.organizations['east'].id
    other = network.organizations['north'].id

    def create(organization):
        name = f'made-by-admin-{uuid.uuid4().hex[:8]}'
        return client.user.create(
            username=name,
            firstname='Made',
            lastname='ByAdmin',
            password=f'Pw-{uuid.uuid4().hex}!',
            email=f'{name}@example.org',
            organization=organization,
        )

    made = create(own)
    assert made['organization']['id'] == own
    refused = create(other)
    assert 'id' not in refused and refused.get('msg')


def test_client_uploads_its_public_key_with_setup_encryption(settings, root, network, tmp_path):
    created = root.organization.create(
        name=f'compat west {network.suffix}',
        address1='west street 1',
        address2='Compat city',
        zipcode='1234 AB',
        country='NL',
        domain='west.example.org',
    )
    org_id = expect_id(created, 'organization create')
    assert not root.organization.get(org_id)['public_key']
    admin_role = next(r for r in root.role.list(name='Organization Admin')['data'])
    password = f'Pw-{uuid.uuid4().hex}!'
    username = f'west-admin-{network.suffix}'
    expect_id(
        root.user.create(
            username=username,
            firstname='West',
            lastname='Admin',
            password=password,
            email=f'{username}@example.org',
            organization=org_id,
            roles=[admin_role['id']],
        ),
        'user create',
    )
    key_file = tmp_path / 'west.pem'
    public_key = new_key(key_file)
    # In a process of its own: the client's RSACryptor is a process-wide singleton, and this
    # process already holds the researcher's key.
    script = (
        'import sys; from fedhub_compat.network import Settings; '
        's = Settings.from_env(); c = s.client(sys.argv[1], sys.argv[2]); '
        'c.setup_encryption(sys.argv[3])'
    )
    subprocess.run(
        [sys.executable, '-c', script, username, password, str(key_file)],
        cwd=COMPAT_DIR,
        check=True,
    )
    assert root.organization.get(org_id)['public_key'] == public_key


def test_user_changes_own_password(settings, root, network):
    username = f'changer-{network.suffix}'
    old = f'Old-{uuid.uuid4().hex}!'
    new = f'New-{uuid.uuid4().hex}!'
    expect_id(
        root.user.create(
            username=username,
            firstname='Pass',
            lastname='Changer',
            password=old,
            email=f'{username}@example.org',
            organization=network.organizations['south'].id,
        ),
        'user create',
    )
    client = settings.client(username, old)
    answer = client.util.change_my_password(old, new)
    assert 'msg' in answer
    settings.client(username, new)


def test_viewer_cannot_create_a_task(settings, network):
    viewer = network.accounts['viewer']
    client = settings.client(viewer.username, viewer.password)
    answer = client.task.create(
        collaboration=network.collaborations['plain'].id,
        organizations=[network.organizations['south'].id],
        name='not allowed',
        image='compat/stats',
        description='a viewer may not create tasks',
        input_={'method': 'partial', 'kwargs': {'column': 'age'}},
        databases=[{'label': 'default'}],
    )
    assert 'id' not in answer and answer.get('msg')
