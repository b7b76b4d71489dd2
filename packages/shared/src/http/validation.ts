import { Ajv, type ErrorObject, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { type AppError, errors, type FieldErrors } from '../errors/index.ts'

function newAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options })
  addFormats.default(ajv)
  // OpenAPI annotations that route schemas carry; Ajv needs to know them to stay strict-safe.
  ajv.addKeyword('example')
  ajv.addKeyword('x-rules')
  return ajv
}

// Bodies are taken as sent: no coercion and no silent removal of unknown fields, so a client
// that sends `"5"` for a number or a misspelt key hears about it. Query strings and path
// parameters are text by nature, so they alone are coerced.
const bodyAjv = newAjv({ coerceTypes: false, removeAdditional: false, useDefaults: true })
const textAjv = newAjv({ coerceTypes: 'array', removeAdditional: false, useDefaults: true })

/** Fastify validator compiler: strict for bodies, coercing for query strings and params. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>
}

const MISSING = 'Missing data for required field.'
const UNKNOWN = 'Unknown field.'

function fieldOf(error: FastifySchemaValidationError | ErrorObject): [string, string] {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  const join = (key: string) => (base === '' ? key : `${base}.${key}`)
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required') return [join(String(params.missingProperty)), MISSING]
  if (error.keyword === 'additionalProperties') {
    return [join(String(params.additionalProperty)), UNKNOWN]
  }
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map(String).join(', ')
    return [base === '' ? '_schema' : base, `Must be one of: ${allowed}.`]
  }
  return [base === '' ? '_schema' : base, `${capitalise(error.message ?? 'is invalid')}.`]
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Groups validation errors per field, as vantage6 clients show them under `errors`. */
export function toFieldErrors(list: ReadonlyArray<FastifySchemaValidationError>): FieldErrors {
  const fields: FieldErrors = {}
  for (const error of list) {
    // A union reports each failed branch; the union's own line says enough.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue
    const [field, message] = fieldOf(error)
    const messages = fields[field] ?? []
    if (!messages.includes(message)) messages.push(message)
    fields[field] = messages
  }
  return fields
}

/** Builds the client-facing error for a failed validation of one part of the request. */
export function schemaErrorFormatter(
  list: FastifySchemaValidationError[],
  dataVar: string,
): AppError {
  const fields = toFieldErrors(list)
  if (dataVar === 'body') return errors.invalidBody(fields)
  if (dataVar === 'params') return errors.invalidParams(fields)
  return errors.invalidQuery(fields)
}
