// Upstream's rules, checked in its order; the first failure is the one reported.
const RULES: ReadonlyArray<[(password: string) => boolean, string]> = [
  [
    (p) => [...p].length >= 8,
    'Password too short: use at least 8 characters with mixed lowercase, uppercase, numbers and special characters',
  ],
  [(p) => [...p].length <= 128, 'Password too long: use at most 128 characters'],
  [(p) => /[0-9]/.test(p), 'Password should contain at least one number'],
  [(p) => /[A-Z]/.test(p), 'Password should contain at least one uppercase letter'],
  [(p) => /[a-z]/.test(p), 'Password should contain at least one lowercase letter'],
  // Unicode-aware "not entirely alphanumeric": a space or any symbol counts as special.
  [(p) => !/^[\p{L}\p{N}]*$/u.test(p), 'Password should contain at least one special character'],
]

/** Answers the policy message for a password that fails it, or undefined when it passes. */
export function passwordProblem(password: string): string | undefined {
  for (const [passes, message] of RULES) if (!passes(password)) return message
  return undefined
}
