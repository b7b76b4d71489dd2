export { buildApp } from './app.ts'
export {
  FixtureImportError,
  formatProblems,
  importFixture,
  parseFixture,
} from './data/import/index.ts'
export type { PrepareDatabaseResult } from './data/index.ts'
export { prepareDatabase } from './data/index.ts'
export { createCoreApi } from './service.ts'
