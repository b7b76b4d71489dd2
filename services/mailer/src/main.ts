import { runService } from '@fedhub/shared/runtime'
import { createMailer } from './service.ts'

await runService('mailer', createMailer)
