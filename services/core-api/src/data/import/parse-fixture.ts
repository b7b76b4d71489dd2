import { Ajv, type ErrorObject } from 'ajv'
import addFormats from 'ajv-formats'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { checkFixture, checkPublicKeys } from './check-fixture.ts'
import { FIXTURE_SCHEMA, KNOWN_KEYS } from './fixture-schema.ts'
import type { FixtureProblem, ParseFixtureResult } from './fixture-types.ts'
import { toFixture } from './to-fixture.ts'
import { pointerToPath, YamlLocator, type YamlPath } from './yaml-locations.ts'

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true })
addFormats.default(ajv, ['date-time'])
const validate = ajv.compile(FIXTURE_SCHEMA)

function typeList(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map(String)
  const named = list.map((type) =>
    type === 'null' ? 'empty' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`,
  )
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`
}

function reasonOf(error: ErrorObject): string {
  const hint = (error.parentSchema as { description?: string } | undefined)?.description
  switch (error.keyword) {
    case 'required':
      return `missing key '${(error.params as { missingProperty: string }).missingProperty}'`
    case 'additionalProperties':
      return `unknown key '${(error.params as { additionalProperty: string }).additionalProperty}'`
    case 'type':
      return `must be ${typeList((error.params as { type: unknown }).type)}`
    case 'pattern':
    case 'format':
      return `must be ${hint ?? error.message ?? 'valid'}`
    default:
      return error.message ?? 'is invalid'
  }
}

function problemOf(error: ErrorObject, locator: YamlLocator): FixtureProblem {
  const path = pointerToPath(error.instancePath)
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty
    const at = locator.locate([...path, key], true)
    return { ...at, message: `${at.path}: unknown key` }
  }
  const at = locator.locate(path)
  return { ...at, message: `${at.path}: ${reasonOf(error)}` }
}

// YAML 1.1 (PyYAML's dialect) turns unquoted dates into timestamps; the schema checks text.
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(plain)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
  }
  return value
}

function unknownKeys(data: unknown, locator: YamlLocator): FixtureProblem[] {
  const warnings: FixtureProblem[] = []
  const check = (value: unknown, path: YamlPath, known: readonly string[]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue
      const at = locator.locate([...path, key], true)
      warnings.push({ ...at, message: `${at.path}: unknown key, ignored` })
    }
  }
  const each = (list: unknown, path: YamlPath, known: readonly string[], inner?: string) => {
    if (!Array.isArray(list)) return
    list.forEach((item, index) => {
      check(item, [...path, index], known)
      if (inner !== undefined && item !== null && typeof item === 'object') {
        each(
          (item as Record<string, unknown>)[inner],
          [...path, index, inner],
          KNOWN_KEYS.participant,
        )
      }
    })
  }
  check(data, [], KNOWN_KEYS.root)
  const root = (data ?? {}) as Record<string, unknown>
  each(root.organizations, ['organizations'], KNOWN_KEYS.organization)
  each(root.collaborations, ['collaborations'], KNOWN_KEYS.collaboration, 'participants')
  return warnings
}

/**
 * Parses and validates a fixture file in upstream's import format (spec 4.3). Every problem is
 * reported at once with the line it sits on; nothing is read from or written to a database.
 *
 * @example
 * const result = parseFixture(readFileSync('network.yaml', 'utf8'))
 * if (!result.ok) throw new Error(formatProblems(result.errors))
 */
export function parseFixture(text: string): ParseFixtureResult {
  const lines = new LineCounter()
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, prettyErrors: false })
  const locator = new YamlLocator(doc, lines)
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => {
      const position = error.linePos?.[0] ?? lines.linePos(error.pos[0])
      const reason = error.message.split('\n')[0] ?? error.message
      return { line: position.line, column: position.col, path: '(document)', message: reason }
    })
    return { ok: false, errors, warnings: [] }
  }
  if (!isMap(doc.contents)) {
    const at = locator.locate([])
    const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)
    const message = empty
      ? 'the fixture is empty'
      : 'the fixture must be a mapping with `organizations` and `collaborations`'
    return { ok: false, errors: [{ ...at, message }], warnings: [] }
  }
  const data = plain(doc.toJS())
  const warnings = unknownKeys(data, locator)
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map((error) => problemOf(error, locator))
    return { ok: false, errors: sortProblems(errors), warnings }
  }
  const keyErrors = checkPublicKeys(data, locator)
  if (keyErrors.length > 0) return { ok: false, errors: sortProblems(keyErrors), warnings }
  const fixture = toFixture(data as Record<string, unknown>, locator)
  const errors = checkFixture(fixture)
  if (errors.length > 0) return { ok: false, errors: sortProblems(errors), warnings }
  return { ok: true, fixture, warnings }
}

function sortProblems(problems: FixtureProblem[]): FixtureProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}
