// The fixture format of upstream's `vserver-local import` (spec 4.3). Upstream reads the file with
// PyYAML, so unquoted numbers such as `zipcode: 54331` arrive as numbers; text columns therefore
// take numbers too and store their decimal form, as upstream's database driver does.
//
// Organizations, collaborations and participants tolerate unknown keys because upstream ignores
// them (its own dev-network template puts address keys on collaborations); the parser reports
// them as warnings. A user's keys become column values upstream, so an unknown one is an error.

const TEXT = { type: ['string', 'number', 'null'] }
const TIMESTAMP = {
  type: ['string', 'null'],
  format: 'date-time',
  description: 'an ISO-8601 date-time such as 2024-01-31T12:00:00Z',
}

const USER = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: ['string', 'number'], minLength: 1 },
    password: { type: ['string', 'number'], minLength: 1 },
    firstname: TEXT,
    lastname: TEXT,
    email: { type: ['string', 'null'] },
    failed_login_attempts: { type: ['integer', 'null'], minimum: 0 },
    last_login_attempt: TIMESTAMP,
    otp_secret: { type: ['string', 'null'], maxLength: 32 },
    last_email_failed_login_sent: TIMESTAMP,
    last_email_recover_password_sent: TIMESTAMP,
  },
}

const ORGANIZATION = {
  type: 'object',
  required: ['name', 'domain', 'address1', 'address2', 'zipcode', 'country', 'public_key'],
  properties: {
    name: { type: ['string', 'number'], minLength: 1 },
    domain: TEXT,
    address1: TEXT,
    address2: TEXT,
    zipcode: TEXT,
    country: TEXT,
    public_key: {
      type: 'string',
      pattern: '^[A-Za-z0-9+/=\\s]*$',
      description: 'base64 of the PEM public key, or ""',
    },
    users: { type: ['array', 'null'], items: USER },
  },
}

const PARTICIPANT = {
  type: 'object',
  required: ['name', 'api_key'],
  properties: {
    name: { type: ['string', 'number'], minLength: 1 },
    api_key: {
      type: 'string',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
      description: 'a canonical UUID string (lower-case, hyphenated)',
    },
  },
}

const COLLABORATION = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: ['string', 'number'], minLength: 1 },
    encrypted: { type: 'boolean' },
    participants: { type: ['array', 'null'], items: PARTICIPANT },
    tasks: { type: ['array', 'null'], items: { type: 'string', minLength: 1 } },
  },
}

/** JSON schema of a fixture document, applied to the YAML after timestamps became strings. */
export const FIXTURE_SCHEMA = {
  type: 'object',
  properties: {
    organizations: { type: ['array', 'null'], items: ORGANIZATION },
    collaborations: { type: ['array', 'null'], items: COLLABORATION },
  },
} as const

/** Keys each mapping of the format knows; anything else is ignored with a warning. */
export const KNOWN_KEYS = {
  root: Object.keys(FIXTURE_SCHEMA.properties),
  organization: Object.keys(ORGANIZATION.properties),
  collaboration: Object.keys(COLLABORATION.properties),
  participant: Object.keys(PARTICIPANT.properties),
} as const
