import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOrm } from '@fedhub/shared/data'
import { Collaboration, Node, Organization, User } from '@fedhub/shared/entities'
import { createLogger } from '@fedhub/shared/logging'
import { testConfig } from '@fedhub/shared/testing'
import { describe, expect, it } from 'vitest'

const CLI = join(import.meta.dirname, '..', 'bin', 'fedhub.mjs')
const FIXTURE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'services',
  'core-api',
  'test',
  'import',
  'fixtures',
  'full-network.yaml',
)

function runCli(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      FEDHUB_DATA_DIR: dataDir,
      FEDHUB_BCRYPT_ROUNDS: '4',
      FEDHUB_ROOT_PASSWORD: 'a-root-password-for-tests',
    },
    encoding: 'utf8',
    timeout: 120_000,
  })
}

async function countRows(dataDir: string) {
  const orm = await createOrm(
    testConfig({ FEDHUB_DATA_DIR: dataDir }),
    createLogger({ level: 'silent', service: 'test' }),
  )
  try {
    const em = orm.em.fork()
    return {
      organizations: await em.count(Organization, {}),
      users: await em.count(User, {}),
      collaborations: await em.count(Collaboration, {}),
      nodes: await em.count(Node, {}),
    }
  } finally {
    await orm.close()
  }
}

describe('fedhub migrate and fedhub import', () => {
  it('imports a fixture into a migrated standalone database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-import-'))
    const migrate = runCli(['migrate'], dataDir)
    expect(migrate.status, migrate.stderr).toBe(0)
    expect(migrate.stdout).toContain('applied: Migration0001AdoptOrCreate')
    expect(runCli(['migrate'], dataDir).stdout).toContain('database already up to date')
    const file = join(dataDir, 'network.yaml')
    copyFileSync(FIXTURE, file)
    const imported = runCli(['import', file], dataDir)
    expect(imported.status, imported.stderr).toBe(0)
    const counts = await countRows(dataDir)
    expect(counts.collaborations).toBeGreaterThan(0)
    expect(counts.nodes).toBeGreaterThan(0)
    // The root organization and user come from migrate; the rest from the fixture.
    expect(counts.organizations).toBeGreaterThan(1)
    expect(counts.users).toBeGreaterThan(1)
  })

  it('refuses a malformed fixture with its line and writes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fedhub-import-bad-'))
    expect(runCli(['migrate'], dataDir).status).toBe(0)
    const before = await countRows(dataDir)
    const file = join(dataDir, 'bad.yaml')
    writeFileSync(
      file,
      [
        'organizations:',
        '  - name: Org A',
        '    domain: a.example',
        'collaborations:',
        '  - name: C',
        '    participants:',
        '      - name: Org A',
        '        api_key: not-a-uuid',
      ].join('\n'),
    )
    const result = runCli(['import', file], dataDir)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/line \d+/)
    expect(await countRows(dataDir)).toEqual(before)
  })
})
