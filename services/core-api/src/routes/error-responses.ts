import { ERROR_SCHEMA } from '../domain/list-kit/index.ts'

/** Error answers every authenticated route may give, for OpenAPI. */
export const ERRORS = {
  400: { description: 'Invalid input', ...ERROR_SCHEMA },
  401: { description: 'Missing or bad token, or permission denied', ...ERROR_SCHEMA },
  404: { description: 'Not found', ...ERROR_SCHEMA },
} as const
