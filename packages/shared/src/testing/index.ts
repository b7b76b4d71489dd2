export { testConfig } from './test-config.ts'
