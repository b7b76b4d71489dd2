export { buildApp } from './app.ts'
export { createAuth } from './service.ts'
