export { buildApp } from './app.ts'
export {
  type ReplayOptions,
  type ReplayResult,
  replayDeadLetters,
} from './consumers/replay-dead-letters.ts'
export { createMailer, type MailerOptions } from './service.ts'
