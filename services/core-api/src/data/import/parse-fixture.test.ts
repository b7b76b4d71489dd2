import { describe, expect, it } from 'vitest'
import { parseFixture } from './parse-fixture.ts'

const KEY_A = '123e4567-e89b-12d3-a456-426614174001'
const KEY_B = '123e4567-e89b-12d3-a456-426614174002'

const VALID = `organizations:
  - name: Org A
    domain: a.example
    address1: Street 1
    address2:
    zipcode: 54331
    country: Netherlands
    public_key: "aGVsbG8="
    users:
      - username: alice
        password: secret
        email: alice@a.example
        last_login_attempt: 2024-01-31T12:00:00Z
collaborations:
  - name: Collab 1
    encrypted: false
    participants:
      - name: Org A
        api_key: ${KEY_A}
    tasks: ["hello-world"]
`

function errorsOf(text: string): string[] {
  const result = parseFixture(text)
  if (result.ok) throw new Error('expected the fixture to be rejected')
  return result.errors.map((error) => `${error.line}: ${error.message}`)
}

describe('parseFixture', () => {
  it('reads a valid fixture with its locations', () => {
    const result = parseFixture(VALID)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const [org] = result.fixture.organizations
    expect(org).toMatchObject({ name: 'Org A', address2: null, zipcode: '54331' })
    expect(org?.publicKey.toString()).toBe('hello')
    expect(org?.users[0]).toMatchObject({ username: 'alice', at: { line: 10 } })
    expect(org?.users[0]?.lastLoginAttempt?.toISOString()).toBe('2024-01-31T12:00:00.000Z')
    expect(result.fixture.collaborations[0]).toMatchObject({
      name: 'Collab 1',
      encrypted: false,
      participants: [{ name: 'Org A', apiKey: KEY_A, at: { line: 18 } }],
      tasks: [{ image: 'hello-world', at: { line: 20 } }],
    })
    expect(result.warnings).toEqual([])
  })

  it('defaults encrypted to true and accepts an empty user list', () => {
    const text = VALID.replace('    encrypted: false\n', '').replace(
      / {4}users:[\s\S]*?(?=collab)/,
      '    users:\n',
    )
    const result = parseFixture(text)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.fixture.collaborations[0]?.encrypted).toBe(true)
    expect(result.fixture.organizations[0]?.users).toEqual([])
  })

  it('names the line of a missing organization key', () => {
    expect(errorsOf(VALID.replace('    country: Netherlands\n', ''))).toEqual([
      "2: organizations[0]: missing key 'country'",
    ])
  })

  it('names the line of a non-UUID api key and of a misspelt user key', () => {
    const text = VALID.replace(KEY_A, KEY_A.toUpperCase()).replace('password:', 'pasword:')
    expect(errorsOf(text)).toEqual([
      "10: organizations[0].users[0]: missing key 'password'",
      '11: organizations[0].users[0].pasword: unknown key',
      '19: collaborations[0].participants[0].api_key: must be a canonical UUID string (lower-case, hyphenated)',
    ])
  })

  it('reports wrong types and YAML syntax errors with their line', () => {
    expect(errorsOf(VALID.replace('encrypted: false', 'encrypted: maybe'))).toEqual([
      '16: collaborations[0].encrypted: must be a boolean',
    ])
    expect(
      errorsOf(VALID.replace('    tasks: ["hello-world"]', '    tasks: ["hello-world"'))[0],
    ).toMatch(/^2[12]: /)
    expect(errorsOf('organizations: {}\n')).toEqual(['1: organizations: must be an array or empty'])
  })

  it('rejects bad base64, duplicate names and shared api keys', () => {
    const twice = VALID.replace(
      'tasks: ["hello-world"]',
      `tasks: []\n  - name: Collab 1\n    participants:\n      - name: Org A\n        api_key: ${KEY_A}\n      - name: Org A\n        api_key: ${KEY_B}`,
    )
    expect(errorsOf(twice)).toEqual([
      "21: collaborations[1].name: collaboration 'Collab 1' is already used at line 15",
      `23: collaborations[1].participants[0].api_key: api_key '${KEY_A}' is already used at line 18`,
      "25: collaborations[1].participants[1].name: participant 'Org A' is already used at line 23",
    ])
    expect(errorsOf(VALID.replace('"aGVsbG8="', '"aGVsbG8"'))).toEqual([
      '8: organizations[0].public_key: must be base64 of the PEM public key, or ""',
    ])
  })

  it('refuses an empty document and warns about keys upstream ignores', () => {
    expect(errorsOf('')).toEqual(['1: the fixture is empty'])
    const result = parseFixture(VALID.replace('    encrypted: false', '    domain: x.example'))
    expect(result.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      '16: collaborations[0].domain: unknown key, ignored',
    ])
  })
})
