import { AppError } from '@fedhub/shared/errors'

/** Where a value sits in the fixture file; lines and columns count from 1. */
export interface FixtureLocation {
  line: number
  column: number
  /** Readable path of the value, e.g. `organizations[0].users[1].username`. */
  path: string
}

/** One reason the fixture cannot be imported, or a remark about ignored content. */
export interface FixtureProblem extends FixtureLocation {
  message: string
}

/** A user to create in its organization with the organization's `super` role. */
export interface FixtureUser {
  username: string
  /** Plain text; hashed on import without a policy check, as upstream does. */
  password: string
  firstname?: string | null
  lastname?: string | null
  email?: string | null
  failedLoginAttempts?: number | null
  lastLoginAttempt?: Date | null
  otpSecret?: string | null
  lastEmailFailedLoginSent?: Date | null
  lastEmailRecoverPasswordSent?: Date | null
  at: FixtureLocation
}

export interface FixtureOrganization {
  name: string
  domain: string | null
  address1: string | null
  address2: string | null
  zipcode: string | null
  country: string | null
  /** The decoded bytes of the base64 `public_key` (empty when the fixture gave `""`). */
  publicKey: Buffer
  users: FixtureUser[]
  at: FixtureLocation
}

/** An organization taking part in a collaboration, with its node's API key. */
export interface FixtureParticipant {
  /** An organization of the fixture or one already in the database. */
  name: string
  /** Canonical lower-case UUID string. */
  apiKey: string
  at: FixtureLocation
}

export interface FixtureTask {
  image: string
  at: FixtureLocation
}

export interface FixtureCollaboration {
  name: string
  encrypted: boolean
  participants: FixtureParticipant[]
  tasks: FixtureTask[]
  at: FixtureLocation
}

/** The network a fixture file describes, in file order. */
export interface Fixture {
  organizations: FixtureOrganization[]
  collaborations: FixtureCollaboration[]
}

export type ParseFixtureResult =
  | { ok: true; fixture: Fixture; warnings: FixtureProblem[] }
  | { ok: false; errors: FixtureProblem[]; warnings: FixtureProblem[] }

/** Renders problems one a line, `line 12: organizations[0].domain: must be ...`. */
export function formatProblems(problems: readonly FixtureProblem[]): string {
  return problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('\n')
}

/** Thrown by `importFixture` when the fixture does not fit the database; nothing was written. */
export class FixtureImportError extends AppError {
  readonly problems: FixtureProblem[]

  constructor(problems: FixtureProblem[]) {
    super('fixture.invalid', `the fixture cannot be imported:\n${formatProblems(problems)}`, {
      status: 400,
    })
    this.name = 'FixtureImportError'
    this.problems = problems
  }
}
