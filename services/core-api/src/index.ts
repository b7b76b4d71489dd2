export { buildApp } from './app.ts'
export { createCoreApi } from './service.ts'
