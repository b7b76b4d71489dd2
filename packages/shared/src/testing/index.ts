export type { ScratchDatabase, TestEngine } from './scratch-database.ts'
export {
  createScratchDatabase,
  TEST_ENGINES,
  TEST_PG_SERVER,
} from './scratch-database.ts'
export { testConfig } from './test-config.ts'
