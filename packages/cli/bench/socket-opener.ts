// Child process of gateway-connections.ts: holds a share of the node sockets, so the client
// side is not one event loop (nor one open-file limit). The parent sends `open` with a URL and
// tokens, and gets back `opened` once each new socket heard `sync`; `close` ends the process.
import { io, type Socket } from 'socket.io-client'

export type OpenerRequest =
  | { kind: 'open'; url: string; tokens: string[]; inFlight: number; timeoutMs: number }
  | { kind: 'close' }

export interface OpenerReply {
  kind: 'opened'
  opened: number
  failed: number
  /** Sockets that were synced and have disconnected since. */
  dropped: number
  firstError?: string
}

const sockets: Socket[] = []
let dropped = 0

function open(url: string, token: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/tasks`, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { Authorization: `Bearer ${token}` },
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    })
    const fail = (reason: string) => {
      clearTimeout(timer)
      socket.disconnect()
      reject(new Error(reason))
    }
    const timer = setTimeout(() => fail(`no sync within ${timeoutMs} ms`), timeoutMs)
    socket.once('connect_error', (error) => fail(error.message))
    socket.once('sync', () => {
      clearTimeout(timer)
      sockets.push(socket)
      socket.once('disconnect', () => {
        dropped += 1
      })
      resolve()
    })
  })
}

async function openAll(request: Extract<OpenerRequest, { kind: 'open' }>): Promise<OpenerReply> {
  let next = 0
  let opened = 0
  let failed = 0
  let firstError: string | undefined
  const worker = async () => {
    while (next < request.tokens.length) {
      const token = request.tokens[next++] as string
      try {
        await open(request.url, token, request.timeoutMs)
        opened += 1
      } catch (error) {
        failed += 1
        firstError ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: request.inFlight }, worker))
  return { kind: 'opened', opened, failed, dropped, ...(firstError ? { firstError } : {}) }
}

process.on('message', (request: OpenerRequest) => {
  if (request.kind === 'close') {
    for (const socket of sockets) socket.disconnect()
    process.disconnect()
    return
  }
  void openAll(request).then((reply) => process.send?.(reply))
})
