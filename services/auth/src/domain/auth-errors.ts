import { AppError } from '@fedhub/shared/errors'

// Texts follow upstream vantage6 where clients and people have seen them (typos included);
// the dotted codes go to the logs only.
const fail = (code: string, message: string, status: number) =>
  new AppError(`auth.${code}`, message, { status })

/** Every error auth answers with, so each text and status lives in one place. */
export const authErrors = {
  loginFailed: () => fail('login_failed', 'Failed to login', 401),
  mfaCodeWrong: () => fail('mfa_wrong', 'Your two-factor authentication code is incorrect!', 401),
  apiKeyUnknown: () => fail('api_key_unknown', 'Api key is not recognized!', 401),
  taskMissing: () => fail('task_missing', 'Parent task does not exist!', 400),
  imageMismatch: () => fail('image_mismatch', 'Image and task do no match', 401),
  notInCollaboration: () =>
    fail('not_in_collaboration', 'You are not within the collaboration', 401),
  taskFinished: () => fail('task_finished', 'Task is already finished!', 400),
  identityMissing: (sub: number) => fail('identity_missing', `Error loading the user ${sub}`, 401),
  wrongIdentityType: () => fail('wrong_identity', 'You lack the permission to do that!', 401),
  invalidRecoveryToken: () => fail('recovery_token_invalid', 'Invalid recovery token!', 400),
  samePassword: () => fail('same_password', 'New password is the same as current password!', 400),
  weakPassword: (message: string) => fail('weak_password', message, 400),
  busy: () =>
    new AppError('auth.bcrypt_busy', 'Too many login attempts in progress, try again shortly', {
      status: 429,
      headers: { 'retry-after': '1' },
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('auth.rate_limited', 'Too many requests, try again later', {
      status: 429,
      headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
} as const
