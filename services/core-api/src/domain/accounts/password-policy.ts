/**
 * The password policy of user creation, in upstream's order; answers the first failure or
 * undefined. A space counts as a special character, as in upstream's `isalnum` test.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) {
    return 'Password too short: use at least 8 characters with mixed lowercase, uppercase, numbers and special characters'
  }
  if (password.length > 128) return 'Password too long: use at most 128 characters'
  if (!/[0-9]/.test(password)) return 'Password should contain at least one number'
  if (!/[A-Z]/.test(password)) return 'Password should contain at least one uppercase letter'
  if (!/[a-z]/.test(password)) return 'Password should contain at least one lowercase letter'
  if (/^[\p{L}\p{N}]+$/u.test(password)) {
    return 'Password should contain at least one special character'
  }
  return undefined
}
