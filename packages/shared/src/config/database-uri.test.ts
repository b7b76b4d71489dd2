import { describe, expect, it } from 'vitest'
import { parseDatabaseUri } from './database-uri.ts'

describe('parseDatabaseUri', () => {
  it.each([
    ['postgresql://u:p@h:5432/db', 'postgresql://u:p@h:5432/db', 'db'],
    ['postgresql+psycopg2://u:p@h:5432/db', 'postgresql://u:p@h:5432/db', 'db'],
    ['postgres://h/my%20db', 'postgresql://h/my%20db', 'my db'],
  ])('reads %s as PostgreSQL', (uri, clientUrl, dbName) => {
    expect(parseDatabaseUri(uri, '/data')).toEqual({ driver: 'postgresql', clientUrl, dbName })
  })

  it('places a relative SQLite path in the data folder and keeps an absolute one', () => {
    expect(parseDatabaseUri('sqlite:///v6.sqlite', '/data')).toEqual({
      driver: 'sqlite',
      file: '/data/v6.sqlite',
    })
    expect(parseDatabaseUri('sqlite:////var/db/v6.sqlite', '/data')).toEqual({
      driver: 'sqlite',
      file: '/var/db/v6.sqlite',
    })
  })

  it('refuses unsupported or incomplete URIs with the reason', () => {
    expect(() => parseDatabaseUri('mysql://h/db', '/d')).toThrow(/unsupported database 'mysql'/)
    expect(() => parseDatabaseUri('postgresql://h', '/d')).toThrow(/names no database/)
    expect(() => parseDatabaseUri('sqlite://x.db', '/d')).toThrow(/sqlite:\/\/\//)
  })
})
