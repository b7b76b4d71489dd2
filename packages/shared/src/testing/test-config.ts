import { type FedhubConfig, loadConfig } from '../config/index.ts'

/**
 * A validated configuration for tests, from environment-style settings, with a low bcrypt
 * cost and a free metrics port unless the test says otherwise.
 *
 * @example
 * const config = testConfig({ FEDHUB_API_PATH: '/sub/api' })
 */
export function testConfig(env: Record<string, string> = {}): FedhubConfig {
  return loadConfig({ env: { FEDHUB_BCRYPT_ROUNDS: '4', FEDHUB_METRICS_PORT: '0', ...env } })
}
