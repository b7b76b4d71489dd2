import { runService } from '@fedhub/shared/runtime'
import { createAuth } from './service.ts'

await runService('auth', createAuth)
