import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_DOCUMENT_FILE, buildApiDocument, serialiseApiDocument } from '../src/api-document.ts'

describe('the OpenAPI document a deployed core-api serves', () => {
  it('matches the routes of every service (run `pnpm fedhub apidocs --write` after a change)', async () => {
    const generated = serialiseApiDocument(await buildApiDocument())
    expect(readFileSync(API_DOCUMENT_FILE, 'utf8')).toBe(generated)
  })

  it('holds the routes of auth and core-api alike', async () => {
    const paths = Object.keys((await buildApiDocument()).paths as Record<string, unknown>)
    expect(paths).toEqual(expect.arrayContaining(['/api/version', '/api/user', '/api/token/user']))
  })
})
