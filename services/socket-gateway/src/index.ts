export { buildApp } from './app.ts'
export { createSocketGateway, SOCKET_PATH } from './service.ts'
