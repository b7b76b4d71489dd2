import { countAlgorithm } from './count.ts'
import { meanAlgorithm } from './mean.ts'
import { sleepAlgorithm } from './sleep.ts'
import type { Algorithm } from './types.ts'

export type { Algorithm, AlgorithmContext, AlgorithmMethod } from './types.ts'
export { AlgorithmError } from './types.ts'

/** The built-in algorithms by image name (registry, tag and digest left out). */
const BUILT_IN: ReadonlyMap<string, Algorithm> = new Map([
  ['fedhub/mean', meanAlgorithm],
  ['fedhub/count', countAlgorithm],
  ['fedhub/sleep', sleepAlgorithm],
])

/** Image names a simulated node can "run". */
export const BUILT_IN_IMAGES: readonly string[] = [...BUILT_IN.keys()]

/**
 * The algorithm behind an image such as `fedhub/mean`, `registry.example/fedhub/mean:1.2` or
 * `fedhub/mean@sha256:…`; undefined when the simulated node has no such image.
 */
export function algorithmForImage(image: string): Algorithm | undefined {
  const withoutDigest = image.split('@')[0] ?? ''
  // A colon after the last slash starts the tag; one before it belongs to a registry port.
  const withoutTag = withoutDigest.replace(/:[^/]*$/, '')
  const segments = withoutTag.split('/')
  return BUILT_IN.get(segments.slice(-2).join('/'))
}
