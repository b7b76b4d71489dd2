import { Ajv, type ErrorObject } from 'ajv'

const ajv = new Ajv({ allErrors: true, strict: true })

function problemOf(error: ErrorObject): string {
  const at =
    error.instancePath === '' ? '(top level)' : error.instancePath.slice(1).replaceAll('/', '.')
  if (error.keyword === 'additionalProperties') {
    return `${at}: unknown key '${(error.params as { additionalProperty: string }).additionalProperty}'`
  }
  if (error.keyword === 'required') {
    return `${at}: missing key '${(error.params as { missingProperty: string }).missingProperty}'`
  }
  return `${at}: ${error.message ?? 'is invalid'}`
}

/**
 * A checker for one JSON schema: answers the value typed, or every problem at once as
 * sentences naming the path.
 */
export function schemaChecker<T>(
  schema: object,
): (value: unknown) => { ok: true; value: T } | { ok: false; problems: string[] } {
  const validate = ajv.compile(schema)
  return (value) =>
    validate(value)
      ? { ok: true, value: value as T }
      : { ok: false, problems: (validate.errors ?? []).map(problemOf) }
}
