import type {
  Fixture,
  FixtureCollaboration,
  FixtureOrganization,
  FixtureUser,
} from './fixture-types.ts'
import type { YamlLocator, YamlPath } from './yaml-locations.ts'

type Data = Record<string, unknown>

function list(value: unknown): Data[] {
  return Array.isArray(value) ? (value as Data[]) : []
}

// Numbers are kept in their decimal form: PyYAML hands them to upstream's driver the same way.
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return String(value)
}

function timestamp(value: unknown): Date | null {
  return typeof value === 'string' ? new Date(value) : null
}

function toUser(data: Data, path: YamlPath, locator: YamlLocator): FixtureUser {
  const user: FixtureUser = {
    username: String(data.username),
    password: String(data.password),
    at: locator.locate(path),
  }
  // Only the columns the file names are set, so the others keep the entity defaults.
  if ('firstname' in data) user.firstname = text(data.firstname)
  if ('lastname' in data) user.lastname = text(data.lastname)
  if ('email' in data) user.email = text(data.email)
  if ('failed_login_attempts' in data) {
    user.failedLoginAttempts = data.failed_login_attempts as number | null
  }
  if ('otp_secret' in data) user.otpSecret = text(data.otp_secret)
  if ('last_login_attempt' in data) user.lastLoginAttempt = timestamp(data.last_login_attempt)
  if ('last_email_failed_login_sent' in data) {
    user.lastEmailFailedLoginSent = timestamp(data.last_email_failed_login_sent)
  }
  if ('last_email_recover_password_sent' in data) {
    user.lastEmailRecoverPasswordSent = timestamp(data.last_email_recover_password_sent)
  }
  return user
}

function toOrganization(data: Data, path: YamlPath, locator: YamlLocator): FixtureOrganization {
  return {
    name: String(data.name),
    domain: text(data.domain),
    address1: text(data.address1),
    address2: text(data.address2),
    zipcode: text(data.zipcode),
    country: text(data.country),
    publicKey: Buffer.from(String(data.public_key).replace(/\s+/g, ''), 'base64'),
    users: list(data.users).map((user, index) => toUser(user, [...path, 'users', index], locator)),
    at: locator.locate(path),
  }
}

function toCollaboration(data: Data, path: YamlPath, locator: YamlLocator): FixtureCollaboration {
  return {
    name: String(data.name),
    encrypted: data.encrypted === undefined ? true : Boolean(data.encrypted),
    participants: list(data.participants).map((participant, index) => ({
      name: String(participant.name),
      apiKey: String(participant.api_key),
      at: locator.locate([...path, 'participants', index]),
    })),
    tasks: (Array.isArray(data.tasks) ? (data.tasks as string[]) : []).map((image, index) => ({
      image,
      at: locator.locate([...path, 'tasks', index]),
    })),
    at: locator.locate(path),
  }
}

/** Turns a schema-valid document into the typed network, keeping each entry's location. */
export function toFixture(data: Data, locator: YamlLocator): Fixture {
  return {
    organizations: list(data.organizations).map((org, index) =>
      toOrganization(org, ['organizations', index], locator),
    ),
    collaborations: list(data.collaborations).map((col, index) =>
      toCollaboration(col, ['collaborations', index], locator),
    ),
  }
}
