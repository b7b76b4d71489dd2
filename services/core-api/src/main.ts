import { runService } from '@fedhub/shared/runtime'
import { createCoreApi } from './service.ts'

await runService('core-api', createCoreApi, { serveApiDocs: true })
