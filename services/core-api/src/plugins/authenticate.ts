import { AppError, errors } from '@fedhub/shared/errors'
import {
  bearerToken,
  type ClientType,
  createTokenVerifier,
  type TokenVerifier,
} from '@fedhub/shared/tokens'
import type { KeyValueStore } from '@fedhub/shared/transports'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { JSONWebKeySet } from 'jose'
import { touchLastSeen } from '../domain/identity/last-seen.ts'
import { type Caller, loadCaller } from '../domain/permissions/index.ts'

export interface AuthenticateOptions {
  /** Public key set; read at the first authenticated request, so standalone can fill it late. */
  publicKeys(): JSONWebKeySet | undefined
  kv: KeyValueStore
}

const wrongType = (type: ClientType, allowed: readonly ClientType[]) =>
  new AppError(
    'auth.identity_type',
    `A ${type} token cannot be used here: this endpoint is for ${allowed.join(' or ')} tokens`,
    { status: 401 },
  )

/**
 * Authenticates routes that declare `config.identities`: verifies the bearer token, loads the
 * identity row and its rules into `request.caller`, refuses identity types the route does not
 * take (401 naming the type; upstream answers 500), and keeps `last_seen` fresh. Runs in
 * `onRequest`, so a bad token is answered before the body is looked at, as upstream does.
 */
export const authenticate = fp(
  async (app: FastifyInstance, options: AuthenticateOptions) => {
    let verifier: TokenVerifier | undefined
    const verify = (token: string) => {
      if (verifier === undefined) {
        const keys = options.publicKeys()
        if (keys === undefined) throw errors.serviceUnavailable('No token verification keys')
        verifier = createTokenVerifier(keys)
      }
      return verifier.verify(token)
    }
    // A placeholder keeps every request object the same shape; the hook sets the real value.
    app.decorateRequest('caller', null as never)
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const allowed = request.routeOptions.config.identities
      if (allowed === undefined) return
      const identity = await verify(bearerToken(request.headers.authorization))
      const caller = await loadCaller(request.em, identity)
      if (!allowed.includes(caller.type)) throw wrongType(caller.type, allowed)
      if (caller.type !== 'container' && caller.id !== undefined) {
        await touchLastSeen(request.em, options.kv, caller.id)
      }
      request.caller = caller
    })
  },
  { name: 'authenticate', dependencies: ['request-orm'] },
)

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set on routes that declare `identities`. */
    caller: Caller
  }
  interface FastifyContextConfig {
    /** Identity types allowed on the route; routes without it need no token. */
    identities?: readonly ClientType[]
  }
}
