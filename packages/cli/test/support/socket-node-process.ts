// A node's socket in a process of its own, so a test can SIGSTOP it. Prints one line per event.
import { io } from 'socket.io-client'

const url = process.env.NODE_SOCKET_URL as string
const token = process.env.NODE_SOCKET_TOKEN as string
const socket = io(`${url}/tasks`, {
  path: '/socket.io',
  extraHeaders: { Authorization: `Bearer ${token}` },
  transports: ['websocket'],
  reconnection: false,
})
socket.on('sync', () => process.stdout.write('sync\n'))
socket.on('disconnect', (reason) => process.stdout.write(`disconnect ${reason}\n`))
