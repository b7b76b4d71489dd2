import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml'
import type { FixtureLocation } from './fixture-types.ts'

/** A path into the document: map keys as strings, sequence indexes as numbers. */
export type YamlPath = readonly (string | number)[]

/** Splits an Ajv `instancePath` (a JSON pointer) into path segments. */
export function pointerToPath(pointer: string): YamlPath {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~')
      return /^\d+$/.test(segment) ? Number(segment) : segment
    })
}

/** `organizations[0].users[1].username` */
export function formatPath(path: YamlPath): string {
  let text = ''
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`
  }
  return text === '' ? '(document)' : text
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value)
  return undefined
}

/**
 * Maps paths of a parsed document back to lines of its text, so every problem can name the line
 * an editor shows.
 */
export class YamlLocator {
  readonly #doc: Document
  readonly #lines: LineCounter

  constructor(doc: Document, lines: LineCounter) {
    this.#doc = doc
    this.#lines = lines
  }

  /**
   * The location of the value at `path`, or of its key when `atKey` is set. A path that leaves the
   * document (a missing key) resolves to the deepest node that exists, which is the mapping the
   * key is missing from.
   */
  locate(path: YamlPath, atKey = false): FixtureLocation {
    let node: unknown = this.#doc.contents
    let offset = node !== null && isNodeWithRange(node) ? node.range[0] : 0
    for (const [index, segment] of path.entries()) {
      node = this.#resolve(node)
      const last = index === path.length - 1
      let next: unknown
      if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment]
      } else if (isMap(node)) {
        const pair = node.items.find((item) => scalarKey(item.key) === String(segment))
        if (pair !== undefined && last && atKey) next = pair.key
        else next = pair?.value ?? pair?.key
      }
      if (next === undefined || next === null || !isNodeWithRange(next)) break
      node = next
      offset = next.range[0]
    }
    const position = this.#lines.linePos(offset)
    return { line: position.line, column: position.col, path: formatPath(path) }
  }

  #resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.#doc) : node
  }
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'range' in value &&
    Array.isArray((value as { range?: unknown }).range)
  )
}
