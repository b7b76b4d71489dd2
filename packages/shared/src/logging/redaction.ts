/**
 * Paths pino censors in every line. Bodies are never logged whole, but error details and
 * config dumps can carry these keys, so they are masked wherever they appear.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'new_password',
  '*.new_password',
  'current_password',
  '*.current_password',
  'api_key',
  '*.api_key',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'reset_token',
  '*.reset_token',
  'token',
  '*.token',
  'mfa_code',
  '*.mfa_code',
  'otp_secret',
  '*.otp_secret',
  'jwt_secret_key',
  '*.jwt_secret_key',
  'private_key',
  '*.private_key',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
]
