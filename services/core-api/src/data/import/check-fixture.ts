import type { Fixture, FixtureLocation, FixtureProblem } from './fixture-types.ts'
import type { YamlLocator } from './yaml-locations.ts'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Tracks first uses of names; a second use is a problem pointing back at the first. */
class Registry {
  readonly #first = new Map<string, FixtureLocation>()

  constructor(
    private readonly what: string,
    private readonly problems: FixtureProblem[],
  ) {}

  add(value: string, at: FixtureLocation, field = 'name'): void {
    const first = this.#first.get(value)
    if (first === undefined) {
      this.#first.set(value, at)
      return
    }
    this.problems.push({
      ...at,
      message: `${at.path}.${field}: ${this.what} '${value}' is already used at line ${first.line}`,
    })
  }
}

/**
 * Checks what the schema cannot: `public_key` must decode as base64 (upstream's decoder rejects
 * bad padding too).
 */
export function checkPublicKeys(data: unknown, locator: YamlLocator): FixtureProblem[] {
  const organizations = (data as { organizations?: unknown }).organizations
  if (!Array.isArray(organizations)) return []
  const problems: FixtureProblem[] = []
  organizations.forEach((org: { public_key?: unknown }, index) => {
    if (typeof org?.public_key !== 'string') return
    if (BASE64.test(org.public_key.replace(/\s+/g, ''))) return
    const at = locator.locate(['organizations', index, 'public_key'])
    problems.push({ ...at, message: `${at.path}: must be base64 of the PEM public key, or ""` })
  })
  return problems
}

/**
 * Cross-entry checks on a schema-valid fixture: names that must be unique in the database are
 * unique in the file, every node gets its own API key (fedhub finds a node by a digest of its
 * key, so two nodes cannot share one; upstream allowed it), and tasks have a participant to run.
 */
export function checkFixture(fixture: Fixture): FixtureProblem[] {
  const problems: FixtureProblem[] = []
  const organizations = new Registry('organization', problems)
  const usernames = new Registry('username', problems)
  const emails = new Registry('email', problems)
  for (const org of fixture.organizations) {
    organizations.add(org.name, org.at)
    for (const user of org.users) {
      usernames.add(user.username, user.at, 'username')
      if (user.email !== undefined && user.email !== null) emails.add(user.email, user.at, 'email')
    }
  }
  const collaborations = new Registry('collaboration', problems)
  const apiKeys = new Registry('api_key', problems)
  for (const collaboration of fixture.collaborations) {
    collaborations.add(collaboration.name, collaboration.at)
    const members = new Registry('participant', problems)
    for (const participant of collaboration.participants) {
      members.add(participant.name, participant.at)
      apiKeys.add(participant.apiKey, participant.at, 'api_key')
    }
    const firstTask = collaboration.tasks[0]
    if (firstTask !== undefined && collaboration.participants.length === 0) {
      problems.push({
        ...firstTask.at,
        message: `${firstTask.at.path}: tasks need at least one participant to run them`,
      })
    }
  }
  return problems
}
