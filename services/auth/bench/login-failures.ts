/**
 * Times POST /api/token/user for each way a login can fail, at the production bcrypt cost, and
 * prints the median of 30 attempts per case. Not a test: timing depends on the machine. Needs
 * the same PostgreSQL, Redis and NATS as the integration tests.
 *
 *   npx tsx services/auth/bench/login-failures.ts [rounds]
 */
import { User } from '@fedhub/shared/entities'
import { createUser } from '../test/fixtures.ts'
import { BASE_SETTINGS, createSuite, startAuth } from '../test/harness.ts'
import { login } from '../test/helpers.ts'

const ATTEMPTS = 30
const rounds = Number(process.argv[2] ?? 12)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const suite = await createSuite()
const auth = await startAuth(
  suite,
  // A high threshold keeps the wrong-password account unlocked for all 30 attempts.
  { ...BASE_SETTINGS, password_policy: { max_failed_attempts: 1000 } },
  { FEDHUB_BCRYPT_ROUNDS: String(rounds) },
)
try {
  const known = await createUser(suite.orm, { rounds })
  const locked = await createUser(suite.orm, { rounds })
  const lock = () =>
    suite.orm.em
      .fork()
      .nativeUpdate(
        User,
        { id: locked.id },
        { failedLoginAttempts: 1000, lastLoginAttempt: new Date() },
      )
  await lock()
  const cases: Array<[string, () => Promise<{ status: number }>]> = [
    ['success', () => login(auth.app, known.username, known.password)],
    ['unknown user', () => login(auth.app, 'no-such-user', 'Wrong-Pass-1')],
    ['wrong password', () => login(auth.app, known.username, 'Wrong-Pass-1')],
    ['locked, wrong password', () => login(auth.app, locked.username, 'Wrong-Pass-1')],
    ['locked, right password', () => login(auth.app, locked.username, locked.password)],
  ]
  // One warm-up round, so connection set-up is not timed.
  for (const [, attempt] of cases) await attempt()
  // Cases take turns, so a slow spell of the machine weighs on every case alike.
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]))
  for (let i = 0; i < ATTEMPTS; i += 1) {
    for (const [name, attempt] of cases) {
      const start = process.hrtime.bigint()
      const { status } = await attempt()
      times.get(name)?.push(Number(process.hrtime.bigint() - start) / 1e6)
      if (name === 'success' ? status !== 200 : status !== 401) {
        throw new Error(`${name}: unexpected status ${status}`)
      }
    }
  }
  const lines = [`bcrypt cost ${rounds}, median of ${ATTEMPTS} attempts (ms):`]
  for (const [name, values] of times)
    lines.push(`  ${name.padEnd(24)} ${median(values).toFixed(1)}`)
  process.stdout.write(`${lines.join('\n')}\n`)
} finally {
  await auth.close()
  await suite.close()
}
