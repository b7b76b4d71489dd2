import { setTimeout as delay } from 'node:timers/promises'
import { type Algorithm, type AlgorithmContext, AlgorithmError } from './types.ts'

/** Stays active for `seconds`; a kill ends it early. Useful to try kills and long runs. */
async function sleep(context: AlgorithmContext) {
  const seconds = context.input.kwargs.seconds ?? 60
  if (typeof seconds !== 'number' || !(seconds >= 0)) {
    throw new AlgorithmError("keyword argument 'seconds' must be a number of seconds")
  }
  context.log(`sleeping ${seconds} s`)
  await delay(seconds * 1000, undefined, { signal: context.signal })
  return { slept: seconds }
}

/** Image `fedhub/sleep`: method `sleep`, keyword argument `seconds` (default 60). */
export const sleepAlgorithm: Algorithm = { sleep }
