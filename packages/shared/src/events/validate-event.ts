import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { Static, TSchema } from 'typebox'
import type { EventContract } from './catalogue.ts'

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats.default(ajv)
const compiled = new WeakMap<TSchema, ValidateFunction>()

/**
 * Checks a payload against its contract, so a consumer can park a malformed event instead of
 * retrying it forever. Answers the problems, or an empty list when the payload is valid.
 *
 * @example
 * const problems = eventProblems(EVENTS.taskCreated, message.data)
 */
export function eventProblems<S extends TSchema>(
  contract: EventContract<S>,
  payload: unknown,
): string[] {
  return schemaProblems(contract.schema, payload)
}

/** The same check for payloads that are not persisted events (request/reply, broadcasts). */
export function schemaProblems(schema: TSchema, payload: unknown): string[] {
  let validate = compiled.get(schema)
  if (validate === undefined) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  if (validate(payload)) return []
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath === '' ? '(payload)' : error.instancePath} ${error.message}`,
  )
}

/** Narrows a payload to its contract's type when it is valid. */
export function isEvent<S extends TSchema>(
  contract: EventContract<S>,
  payload: unknown,
): payload is Static<S> {
  return eventProblems(contract, payload).length === 0
}
