import { errors } from '@fedhub/shared/errors'

/** Upstream's name rule (organizations, and the first user checks): not empty, not a number. */
export function assertName(field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return
  if (value.trim() === '') throw errors.invalidBody({ [field]: ['Name cannot be empty'] })
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) {
    throw errors.invalidBody({ [field]: ['Name cannot a number'] })
  }
}

const USERNAME = /^[a-zA-Z][a-zA-Z0-9._-]+$/

/** Upstream's username rules, with its messages. */
export function assertUsername(value: string | null | undefined): void {
  if (value === null || value === undefined) return
  assertName('username', value)
  if (!USERNAME.test(value)) {
    throw errors.invalidBody({
      username: [
        `Username ${value} is invalid. Only letters, numbers, hyphens and underscores are allowed, and it should start with a letter.`,
      ],
    })
  }
}
