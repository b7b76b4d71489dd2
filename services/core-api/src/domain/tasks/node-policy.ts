import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Organization } from '@fedhub/shared/entities'
import { badRequest } from '../accounts/account-errors.ts'
import type { Caller } from '../permissions/index.ts'

const POLICIES = (count: number) => `select n.id as node_id, c.key, c.value from node n
  join nodeconfig c on c.node_id = n.id
  where n.collaboration_id = ? and n.organization_id in (${Array(count).fill('?').join(', ')})
    and c.key in ('allowed_users', 'allowed_orgs')`

interface PolicyRow {
  node_id: number
  key: string
  value: string | null
}

/**
 * Nodes may share `allowed_users` / `allowed_orgs`; a user outside them may not send the node
 * work. Usernames in `allowed_users` are matched too (upstream crashes on them).
 */
export async function checkNodePolicies(
  em: FedhubEntityManager,
  caller: Caller,
  collaborationId: number,
  organizationIds: readonly number[],
): Promise<void> {
  const rows = (await em.execute(POLICIES(organizationIds.length), [
    collaborationId,
    ...organizationIds,
  ])) as PolicyRow[]
  if (rows.length === 0) return
  const org =
    caller.organizationId === null ? null : await em.findOne(Organization, caller.organizationId)
  const byNode = new Map<number, PolicyRow[]>()
  for (const row of rows)
    byNode.set(Number(row.node_id), [...(byNode.get(Number(row.node_id)) ?? []), row])
  for (const [nodeId, policy] of byNode) {
    const values = (key: string) => policy.filter((p) => p.key === key).map((p) => p.value ?? '')
    const users = values('allowed_users')
    const orgs = values('allowed_orgs')
    const userOk = users.some((v) => v === String(caller.id) || v === caller.username)
    const orgOk = orgs.some((v) => v === String(caller.organizationId) || v === org?.name)
    if (!userOk && !orgOk) {
      throw badRequest(
        'task.node_policy',
        `The node id=${nodeId} does not accept tasks from you: its policies allow other users or organizations only.`,
      )
    }
  }
}
