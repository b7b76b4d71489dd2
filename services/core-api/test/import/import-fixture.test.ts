import { readFileSync } from 'node:fs'
import type { FedhubEntityManager } from '@fedhub/shared/data'
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
import { apiKeyDigest } from '@fedhub/shared/tokens'
import bcrypt from 'bcrypt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  FixtureImportError,
  type ImportReport,
  importFixture,
  parseFixture,
} from '../../src/data/import/index.ts'
import { seedCatalogue, seedRootUser } from '../../src/data/seed/index.ts'
import {
  createTestDatabase,
  ENGINES,
  silentLogger,
  type TestDatabase,
} from '../seed/test-database.ts'

const FULL = readFileSync(new URL('./fixtures/full-network.yaml', import.meta.url), 'utf8')
const DIGEST_KEY = Buffer.from('test digest key')
const KEY = (n: number) => `123e4567-e89b-12d3-a456-42661417400${n}`
const PEM = '-----BEGIN PUBLIC KEY-----\nfedhub test key\n-----END PUBLIC KEY-----\n'

/** Every table the import may write, counted. */
async function counts(em: FedhubEntityManager): Promise<Record<string, number>> {
  const tables = [Authenticatable, Collaboration, Node, Organization, Role, Rule, Run, Task, User]
  const entries = await Promise.all(
    tables.map(async (entity) => [entity.name, await em.fork().count(entity, {})] as const),
  )
  return Object.fromEntries(entries)
}

describe.each(ENGINES)('fixture import on %s', (engine) => {
  let db: TestDatabase
  const em = () => db.orm.em.fork()
  const load = async (text: string): Promise<ImportReport> => {
    const parsed = parseFixture(text)
    if (!parsed.ok) throw new FixtureImportError(parsed.errors)
    return importFixture(em(), parsed.fixture, { bcryptRounds: 4, apiKeyDigestKey: DIGEST_KEY })
  }
  const failure = async (text: string): Promise<string[]> => {
    const error = await load(text).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    if (!(error instanceof FixtureImportError)) throw error ?? new Error('import succeeded')
    return error.problems.map((problem) => `${problem.line}: ${problem.message}`)
  }

  beforeEach(async () => {
    db = await createTestDatabase(engine)
  })
  afterEach(async () => {
    await db?.drop()
  })

  describe('on a started server', () => {
    beforeEach(async () => {
      await seedCatalogue(em(), silentLogger)
      await seedRootUser(em(), db.config, silentLogger, { allowGeneratedPassword: true })
    })

    it('imports exactly the network a fixture with every key describes', async () => {
      expect(await load(FULL)).toEqual({
        organizations: 2,
        users: 2,
        collaborations: 2,
        nodes: 4,
        tasks: 2,
        runs: 4,
      })
      const alpha = await em().findOneOrFail(Organization, { name: 'Alpha Hospital' })
      expect(alpha).toMatchObject({
        domain: 'alpha.example',
        address1: 'Main Street 1',
        address2: 'Building B',
        zipcode: '1234AB',
        country: 'Netherlands',
      })
      expect(Buffer.from(alpha.publicKey!).toString()).toBe(PEM)
      const beta = await em().findOneOrFail(Organization, { name: 'Beta Institute' })
      expect(beta).toMatchObject({ address2: null, zipcode: '54331', country: 'Belgium' })
      expect(Buffer.from(beta.publicKey ?? []).length).toBe(0)

      for (const org of [alpha, beta]) {
        const role = await em().findOneOrFail(
          Role,
          { organization: org.id },
          { populate: ['rules'] },
        )
        expect(role).toMatchObject({
          name: 'super',
          description: 'Super user',
          isDefaultRole: false,
        })
        expect(role.rules.count()).toBe(86)
      }

      const alice = await em().findOneOrFail(
        User,
        { username: 'alice' },
        { populate: ['roles', 'authenticatable'] },
      )
      expect(alice).toMatchObject({
        firstname: 'Alice',
        lastname: 'Anders',
        email: 'alice@alpha.example',
        failedLoginAttempts: 2,
        otpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        organization: { id: alpha.id },
        authenticatable: { type: 'user' },
      })
      expect(alice.lastLoginAttempt?.toISOString()).toBe('2024-03-01T10:00:00.000Z')
      expect(alice.lastEmailFailedLoginSent?.toISOString()).toBe('2024-03-02T11:30:00.000Z')
      expect(alice.lastEmailRecoverPasswordSent?.toISOString()).toBe('2024-03-03T12:45:00.000Z')
      expect(await bcrypt.compare('alice-password', alice.password!)).toBe(true)
      expect(alice.roles.getItems().map((role) => role.name)).toEqual(['super'])
      const bob = await em().findOneOrFail(User, { username: 'bob' })
      expect(bob).toMatchObject({ email: null, firstname: null, failedLoginAttempts: 0 })

      const one = await em().findOneOrFail(
        Collaboration,
        { name: 'Study One' },
        { populate: ['organizations'] },
      )
      expect(one.encrypted).toBe(false)
      expect(
        one.organizations
          .getItems()
          .map((org) => org.name)
          .sort(),
      ).toEqual(['Alpha Hospital', 'Beta Institute'])
      const two = await em().findOneOrFail(
        Collaboration,
        { name: 'Study Two' },
        { populate: ['organizations'] },
      )
      expect(two.encrypted).toBe(true)
      expect(
        two.organizations
          .getItems()
          .map((org) => org.name)
          .sort(),
      ).toEqual(['Beta Institute', 'root'])

      const nodes = await em().find(
        Node,
        {},
        { populate: ['organization', 'collaboration', 'authenticatable'], orderBy: { id: 'asc' } },
      )
      expect(
        nodes.map((node) => [node.name, node.organization?.name, node.collaboration?.name]),
      ).toEqual([
        ['Alpha Hospital - Study One Node', 'Alpha Hospital', 'Study One'],
        ['Beta Institute - Study One Node', 'Beta Institute', 'Study One'],
        ['Beta Institute - Study Two Node', 'Beta Institute', 'Study Two'],
        ['root - Study Two Node', 'root', 'Study Two'],
      ])
      for (const [index, node] of nodes.entries()) {
        expect(await bcrypt.compare(KEY(index + 1), node.apiKey!)).toBe(true)
        expect(node.apiKeyDigest).toBe(apiKeyDigest(KEY(index + 1), DIGEST_KEY))
        expect(node.authenticatable).toMatchObject({ type: 'node', status: null })
      }

      const tasks = await em().find(
        Task,
        {},
        { populate: ['runs', 'initOrg', 'initUser'], orderBy: { id: 'asc' } },
      )
      expect(tasks.map((task) => [task.name, task.image, task.collaboration?.id])).toEqual([
        ['Example task', 'harbor2.vantage6.ai/demo/average', one.id],
        ['Example task', 'hello-world', one.id],
      ])
      expect(tasks.map((task) => task.jobId)).toEqual([1, 2])
      for (const task of tasks) {
        expect(task.initOrg?.name).toBe('Alpha Hospital')
        expect(task.initUser?.username).toBe('root')
        expect(task.createdAt).toBeInstanceOf(Date)
        const runs = task.runs.getItems()
        expect(runs.map((run) => run.organization?.id).sort()).toEqual([alpha.id, beta.id].sort())
        for (const run of runs) {
          expect(run).toMatchObject({
            status: 'pending',
            input: 'eyJhIjogImIifQ==',
            finishedAt: null,
          })
          expect(run.assignedAt).toBeInstanceOf(Date)
        }
      }
    })

    it('writes nothing when the fixture clashes with the database', async () => {
      await load(FULL)
      const before = await counts(em())
      expect(await failure(FULL)).toEqual([
        '3: organizations[0].name: organization exists',
        "11: organizations[0].users[0].username: username 'alice' is taken",
        "11: organizations[0].users[0].email: email 'alice@alpha.example' is taken",
        "21: organizations[0].users[1].username: username 'bob' is taken",
        '23: organizations[1].name: organization exists',
        '31: collaborations[0].name: collaboration exists',
        "34: collaborations[0].participants[0].name: node 'Alpha Hospital - Study One Node' exists",
        '34: collaborations[0].participants[0].api_key: another node already uses this api_key',
        "36: collaborations[0].participants[1].name: node 'Beta Institute - Study One Node' exists",
        '36: collaborations[0].participants[1].api_key: another node already uses this api_key',
        '39: collaborations[1].name: collaboration exists',
        "41: collaborations[1].participants[0].name: node 'Beta Institute - Study Two Node' exists",
        '41: collaborations[1].participants[0].api_key: another node already uses this api_key',
        "43: collaborations[1].participants[1].name: node 'root - Study Two Node' exists",
        '43: collaborations[1].participants[1].api_key: another node already uses this api_key',
      ])
      expect(await counts(em())).toEqual(before)
    })
  })

  describe('on an empty database', () => {
    it('creates the rules first and lets the first imported user initiate tasks', async () => {
      await load(FULL.replace('      - name: root\n', '      - name: Alpha Hospital\n'))
      expect(await em().count(Rule, {})).toBe(86)
      expect(await em().count(Role, { name: 'Root' })).toBe(1)
      const tasks = await em().find(Task, {}, { populate: ['initUser'] })
      expect(tasks.map((task) => task.initUser?.username)).toEqual(['alice', 'alice'])
    })

    it('reports an unknown participant with its line and writes nothing, not even rules', async () => {
      expect(await failure(FULL)).toEqual([
        "43: collaborations[1].participants[1].name: organization 'root' is neither in the fixture nor in the database",
      ])
      expect(Object.values(await counts(em())).every((count) => count === 0)).toBe(true)
    })

    it.each([
      [
        'a missing organization key',
        FULL.replace('    country: Belgium\n', ''),
        ["23: organizations[1]: missing key 'country'"],
      ],
      [
        'a non-canonical api key',
        FULL.replace(KEY(2), KEY(2).toUpperCase()),
        [
          '37: collaborations[0].participants[1].api_key: must be a canonical UUID string (lower-case, hyphenated)',
        ],
      ],
      [
        'an unknown user column and a wrong type',
        FULL.replace('        firstname: Alice', '        first_name: Alice').replace(
          'failed_login_attempts: 2',
          'failed_login_attempts: many',
        ),
        [
          '13: organizations[0].users[0].first_name: unknown key',
          '16: organizations[0].users[0].failed_login_attempts: must be an integer or empty',
        ],
      ],
      [
        'a YAML syntax error',
        FULL.replace('    encrypted: false', '    encrypted: [false'),
        ['33: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ],
      [
        'a task without participants',
        FULL.replace(/ {4}participants:\n(?: {6}.*\n)+(?= {4}tasks)/, ''),
        ['33: collaborations[0].tasks[0]: tasks need at least one participant to run them'],
      ],
    ])('rejects %s with its line and writes nothing', async (_name, text, expected) => {
      expect(await failure(text)).toEqual(expected)
      expect(Object.values(await counts(em())).every((count) => count === 0)).toBe(true)
    })
  })
})
