import type { FedhubConfig } from '@fedhub/shared/config'
import { joinApiPath } from '@fedhub/shared/routes'

/** Server-relative links clients follow: they prepend only scheme, host and port. */
export const linkTo = (config: FedhubConfig, path: string) => joinApiPath(config.apiPath, path)
