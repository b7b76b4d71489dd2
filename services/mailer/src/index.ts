export { buildApp } from './app.ts'
export { createMailer } from './service.ts'
