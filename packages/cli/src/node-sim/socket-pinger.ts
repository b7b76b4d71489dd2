import type { Socket } from 'socket.io-client'
import type { NodeTimings } from './timings.ts'

/**
 * Sends the node's `ping` event while the socket is connected: first shortly after connecting,
 * then at the ping interval (the server marks the node online and seen on each).
 */
export class SocketPinger {
  private timers: NodeJS.Timeout[] = []

  constructor(private readonly timings: NodeTimings) {}

  start(socket: Socket): void {
    this.stop()
    const ping = () => {
      if (socket.connected) socket.emit('ping')
    }
    this.timers = [
      setTimeout(() => {
        ping()
        this.timers.push(setInterval(ping, this.timings.pingIntervalMs))
      }, this.timings.firstPingMs),
    ]
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers = []
  }
}
