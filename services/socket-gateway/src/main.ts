import { runService } from '@fedhub/shared/runtime'
import { createSocketGateway } from './service.ts'

await runService('socket-gateway', createSocketGateway)
