import type { FedhubEntityManager } from '@fedhub/shared/data'
import { Collaboration, Node, Organization, User } from '@fedhub/shared/entities'
import type { Fixture, FixtureLocation, FixtureProblem } from './fixture-types.ts'

/** A node the import will create, with what the database must not hold yet. */
export interface PlannedNode {
  name: string
  digest: string
  at: FixtureLocation
}

export function nodeName(organization: string, collaboration: string): string {
  return `${organization} - ${collaboration} Node`
}

function problem(at: FixtureLocation, field: string, reason: string): FixtureProblem {
  return { ...at, message: `${at.path}.${field}: ${reason}` }
}

async function existing<T>(
  values: string[],
  lookup: (values: string[]) => Promise<T[]>,
  pick: (row: T) => string | null | undefined,
): Promise<Set<string>> {
  if (values.length === 0) return new Set()
  return new Set((await lookup(values)).map(pick).filter((v): v is string => typeof v === 'string'))
}

/**
 * Checks a parsed fixture against the database before anything is written: names that must stay
 * unique are free, every participant names an organization of the fixture or of the database,
 * and a task has a user to be initiated by. Returns the participant organizations found in the
 * database, by name.
 */
export async function checkAgainstDatabase(
  tx: FedhubEntityManager,
  fixture: Fixture,
  nodes: PlannedNode[],
): Promise<{ problems: FixtureProblem[]; knownOrganizations: Map<string, Organization> }> {
  const problems: FixtureProblem[] = []
  const orgNames = fixture.organizations.map((org) => org.name)
  const users = fixture.organizations.flatMap((org) => org.users)
  const takenOrgs = await existing(
    orgNames,
    (name) => tx.find(Organization, { name }),
    (o) => o.name,
  )
  const usernames = users.map((user) => user.username)
  const takenUsernames = await existing(
    usernames,
    (username) => tx.find(User, { username }),
    (u) => u.username,
  )
  const emails = users.flatMap((user) => (typeof user.email === 'string' ? [user.email] : []))
  const takenEmails = await existing(
    emails,
    (email) => tx.find(User, { email }),
    (u) => u.email,
  )
  for (const org of fixture.organizations) {
    if (takenOrgs.has(org.name)) problems.push(problem(org.at, 'name', 'organization exists'))
    for (const user of org.users) {
      if (takenUsernames.has(user.username)) {
        problems.push(problem(user.at, 'username', `username '${user.username}' is taken`))
      }
      if (typeof user.email === 'string' && takenEmails.has(user.email)) {
        problems.push(problem(user.at, 'email', `email '${user.email}' is taken`))
      }
    }
  }

  const collabNames = fixture.collaborations.map((col) => col.name)
  const takenCollabs = await existing(
    collabNames,
    (name) => tx.find(Collaboration, { name }),
    (c) => c.name,
  )
  const inFixture = new Set(orgNames)
  const wanted = fixture.collaborations.flatMap((col) => col.participants.map((p) => p.name))
  const outside = [...new Set(wanted.filter((name) => !inFixture.has(name)))]
  const found = outside.length === 0 ? [] : await tx.find(Organization, { name: outside })
  const knownOrganizations = new Map(found.map((org) => [org.name ?? '', org]))
  for (const col of fixture.collaborations) {
    if (takenCollabs.has(col.name)) problems.push(problem(col.at, 'name', 'collaboration exists'))
    for (const participant of col.participants) {
      if (inFixture.has(participant.name) || knownOrganizations.has(participant.name)) continue
      problems.push(
        problem(
          participant.at,
          'name',
          `organization '${participant.name}' is neither in the fixture nor in the database`,
        ),
      )
    }
  }

  const takenNodeNames = await existing(
    nodes.map((node) => node.name),
    (name) => tx.find(Node, { name }),
    (n) => n.name,
  )
  const takenDigests = await existing(
    nodes.map((node) => node.digest),
    (apiKeyDigest) => tx.find(Node, { apiKeyDigest }),
    (n) => n.apiKeyDigest,
  )
  for (const node of nodes) {
    if (takenNodeNames.has(node.name)) {
      problems.push(problem(node.at, 'name', `node '${node.name}' exists`))
    }
    if (takenDigests.has(node.digest)) {
      problems.push(problem(node.at, 'api_key', 'another node already uses this api_key'))
    }
  }

  const firstTask = fixture.collaborations.flatMap((col) => col.tasks)[0]
  if (firstTask !== undefined && users.length === 0 && (await tx.count(User, {})) === 0) {
    problems.push({
      ...firstTask.at,
      message: `${firstTask.at.path}: a task needs an initiating user, and there is none`,
    })
  }
  return { problems, knownOrganizations }
}
