import type { FastifyInstance } from 'fastify'

/**
 * Replaces fastify's JSON parser with one that takes an empty body as no body: the official
 * clients send `Content-Type: application/json` with nothing on body-less POST and DELETE.
 * Everything else goes through fastify's own parser, which guards against prototype poisoning.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance, bodyLimit: number): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  // Only JSON is spoken; any other body type gets a clear 415.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      if (typeof body === 'string' && body.trim() === '') {
        done(null, undefined)
        return
      }
      // The callback form answers through `done`; its return value carries nothing.
      void parse(request, body as string, done)
    },
  )
}
