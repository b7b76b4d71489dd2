import { allocateJobId, type FedhubEntityManager } from '@fedhub/shared/data'
import {
  Authenticatable,
  Collaboration,
  Node,
  Organization,
  Role,
  Rule,
  Run,
  Task,
  User,
} from '@fedhub/shared/entities'
import type { Logger } from '@fedhub/shared/logging'
import { apiKeyDigest } from '@fedhub/shared/tokens'
import bcrypt from 'bcrypt'
import { seedCatalogue } from '../seed/seed-catalogue.ts'
import { lockStartupWrites } from '../seed/startup-lock.ts'
import { checkAgainstDatabase, nodeName, type PlannedNode } from './check-database.ts'
import { type Fixture, FixtureImportError, type FixtureUser } from './fixture-types.ts'

export interface ImportFixtureOptions {
  /** bcrypt cost for user passwords and node API keys. */
  bcryptRounds: number
  /** Secret of the keyed digest in `node.api_key_digest` (`loadApiKeySecret`), shared with auth. */
  apiKeyDigestKey: Uint8Array
  logger?: Logger
}

/** Counts of the rows an import created. */
export interface ImportReport {
  organizations: number
  users: number
  collaborations: number
  nodes: number
  tasks: number
  runs: number
}

/** Upstream's example input: base64 of Python's `json.dumps({"a": "b"})`. */
const EXAMPLE_INPUT = Buffer.from('{"a": "b"}').toString('base64')

interface Hashes {
  passwords: Map<FixtureUser, string>
  apiKeys: Map<string, string>
}

// bcrypt runs on the thread pool; hashing before the transaction keeps it short.
async function hashSecrets(fixture: Fixture, rounds: number): Promise<Hashes> {
  const users = fixture.organizations.flatMap((org) => org.users)
  const keys = [
    ...new Set(fixture.collaborations.flatMap((col) => col.participants.map((p) => p.apiKey))),
  ]
  const [passwords, apiKeys] = await Promise.all([
    Promise.all(users.map((user) => bcrypt.hash(user.password, rounds))),
    Promise.all(keys.map((key) => bcrypt.hash(key, rounds))),
  ])
  return {
    passwords: new Map(users.map((user, index) => [user, passwords[index]!])),
    apiKeys: new Map(keys.map((key, index) => [key, apiKeys[index]!])),
  }
}

function userColumns(user: FixtureUser, password: string) {
  const { at: _at, password: _plain, ...columns } = user
  return { ...columns, password }
}

async function writeNetwork(
  tx: FedhubEntityManager,
  fixture: Fixture,
  hashes: Hashes,
  options: ImportFixtureOptions,
  known: Map<string, Organization>,
): Promise<ImportReport> {
  const report: ImportReport = {
    organizations: 0,
    users: 0,
    collaborations: 0,
    nodes: 0,
    tasks: 0,
    runs: 0,
  }
  const rules = await tx.find(Rule, {}, { orderBy: { id: 'asc' } })
  const organizations = new Map(known)
  for (const org of fixture.organizations) {
    const { at: _at, users, ...columns } = org
    const organization = tx.create(Organization, columns)
    organizations.set(org.name, organization)
    report.organizations += 1
    // Upstream gives each imported organization a `super` role with every rule for its users.
    const role = tx.create(Role, {
      name: 'super',
      description: 'Super user',
      organization,
      isDefaultRole: false,
      rules,
    })
    // Users and nodes reuse the id of their identity row, so those rows are flushed first.
    const identities = users.map(() => tx.create(Authenticatable, { type: 'user' }))
    await tx.flush()
    users.forEach((user, index) => {
      tx.create(User, {
        ...userColumns(user, hashes.passwords.get(user)!),
        id: identities[index]!.id,
        organization,
        roles: [role],
      })
    })
    report.users += users.length
  }
  await tx.flush()

  for (const col of fixture.collaborations) {
    const collaboration = tx.create(Collaboration, { name: col.name, encrypted: col.encrypted })
    report.collaborations += 1
    const members = col.participants.map((p) => organizations.get(p.name)!)
    collaboration.organizations.add(members)
    const identities = col.participants.map(() => tx.create(Authenticatable, { type: 'node' }))
    await tx.flush()
    col.participants.forEach((participant, index) => {
      tx.create(Node, {
        id: identities[index]!.id,
        name: nodeName(participant.name, col.name),
        apiKey: hashes.apiKeys.get(participant.apiKey)!,
        apiKeyDigest: apiKeyDigest(participant.apiKey, options.apiKeyDigestKey),
        collaboration,
        organization: members[index]!,
      })
    })
    report.nodes += col.participants.length
    await tx.flush()

    // Upstream takes the first row of an unordered query on "user"; the lowest id is what
    // PostgreSQL returns in practice, so ask for it explicitly.
    const [initUser] =
      col.tasks.length === 0 ? [] : await tx.find(User, {}, { orderBy: { id: 'asc' }, limit: 1 })
    for (const entry of col.tasks) {
      const now = new Date()
      const task = tx.create(Task, {
        name: 'Example task',
        image: entry.image,
        collaboration,
        jobId: await allocateJobId(tx),
        initOrg: members[0]!,
        initUser: initUser ?? null,
        createdAt: now,
      })
      for (const organization of members) {
        tx.create(Run, {
          task,
          organization,
          input: EXAMPLE_INPUT,
          status: 'pending',
          assignedAt: now,
          blobStorageUsed: false,
        })
      }
      report.tasks += 1
      report.runs += members.length
    }
    await tx.flush()
  }
  return report
}

/**
 * Writes the network of a parsed fixture in one transaction, as upstream's import does (spec
 * 4.3): rules and built-in roles when the rule table is empty; per organization its `super` role
 * with every rule and its users; per collaboration its members, one node per participant named
 * `"<organization> - <collaboration> Node"` (API key bcrypt-hashed, plus its keyed digest), and
 * per listed image a task `Example task` with a fresh job id and one pending run per participant.
 * Any conflict with the database (a taken name, an unknown participant) throws
 * {@link FixtureImportError} listing every problem with its line, and nothing is written.
 *
 * @example
 * const parsed = parseFixture(text)
 * if (parsed.ok) await importFixture(orm.em.fork(), parsed.fixture, { bcryptRounds: 12, apiKeyDigestKey })
 */
export async function importFixture(
  em: FedhubEntityManager,
  fixture: Fixture,
  options: ImportFixtureOptions,
): Promise<ImportReport> {
  const hashes = await hashSecrets(fixture, options.bcryptRounds)
  const planned: PlannedNode[] = fixture.collaborations.flatMap((col) =>
    col.participants.map((p) => ({
      name: nodeName(p.name, col.name),
      digest: apiKeyDigest(p.apiKey, options.apiKeyDigestKey),
      at: p.at,
    })),
  )
  const report = await em.transactional(async (tx) => {
    await lockStartupWrites(tx)
    const { problems, knownOrganizations } = await checkAgainstDatabase(tx, fixture, planned)
    if (problems.length > 0) {
      throw new FixtureImportError(problems.sort((a, b) => a.line - b.line))
    }
    // Upstream creates the rules when the server never ran, so imported users get permissions.
    if ((await tx.count(Rule, {})) === 0) await seedCatalogue(tx, options.logger)
    return writeNetwork(tx, fixture, hashes, options, knownOrganizations)
  })
  options.logger?.info(report, 'fixture imported')
  return report
}
