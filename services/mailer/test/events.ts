/** A valid lockout event for user `n`. */
export function lockoutEvent(n: number, firstname: string | null = `User${n}`) {
  return {
    recipient: { user_id: n, email: `user${n}@example.test`, username: `user${n}`, firstname },
    allowed_attempts: 5,
    ip: '203.0.113.7',
    at: '2026-01-02T03:04:05.000Z',
    minutes_remaining: 15,
  }
}

/** A valid password-reset event for user `n` carrying `token`. */
export function resetEvent(n: number, token: string) {
  return {
    recipient: {
      user_id: n,
      email: `user${n}@example.test`,
      username: `user${n}`,
      firstname: null,
    },
    kind: 'password',
    token,
    valid_minutes: 60,
  }
}
