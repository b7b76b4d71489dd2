import { readFileSync } from 'node:fs'

type Environment = Record<string, string | undefined>

/**
 * Environment variables and the config path each one sets. Upstream's variables keep their
 * upstream meaning; fedhub's own start with FEDHUB_.
 */
const ENV_KEYS: ReadonlyArray<[string, string[]]> = [
  ['VANTAGE6_DB_URI', ['uri']],
  ['FEDHUB_DB_URI', ['uri']],
  ['FEDHUB_PORT', ['port']],
  ['FEDHUB_API_PATH', ['api_path']],
  ['FEDHUB_DATA_DIR', ['fedhub', 'data_dir']],
  ['FEDHUB_METRICS_PORT', ['fedhub', 'metrics_port']],
  ['FEDHUB_LISTEN_HOST', ['fedhub', 'listen_host']],
  ['FEDHUB_REDIS_URL', ['fedhub', 'redis_url']],
  ['FEDHUB_REDIS_KEY_PREFIX', ['fedhub', 'redis_key_prefix']],
  ['FEDHUB_NATS_URL', ['fedhub', 'nats_url']],
  ['FEDHUB_NATS_NAMESPACE', ['fedhub', 'nats_namespace']],
  ['FEDHUB_BODY_LIMIT_MB', ['fedhub', 'body_limit_mb']],
  ['FEDHUB_BCRYPT_ROUNDS', ['fedhub', 'bcrypt_rounds']],
  ['FEDHUB_ROOT_PASSWORD', ['fedhub', 'root_password']],
  ['V6_INIT_SUPER_PASS_HASHED', ['fedhub', 'root_password_hash']],
  ['FEDHUB_LOG_LEVEL', ['logging', 'level']],
  ['FEDHUB_PUBLIC_KEYS_FILE', ['fedhub', 'public_keys_file']],
  ['FEDHUB_SOCKET_PING_INTERVAL_S', ['fedhub', 'socket', 'ping_interval_s']],
  ['FEDHUB_SOCKET_PING_TIMEOUT_S', ['fedhub', 'socket', 'ping_timeout_s']],
  ['FEDHUB_SOCKET_PRESENCE_TTL_S', ['fedhub', 'socket', 'presence_ttl_s']],
  ['FEDHUB_SOCKET_SWEEP_INTERVAL_S', ['fedhub', 'socket', 'sweep_interval_s']],
  ['FEDHUB_SOCKET_UNIDENTIFIED_GRACE_S', ['fedhub', 'socket', 'unidentified_grace_s']],
]

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const child = node[key]
    if (typeof child !== 'object' || child === null || Array.isArray(child)) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] as string] = value
}

/**
 * Writes the environment's settings over a parsed config file. The environment wins; values
 * stay strings here and the schema coerces them, so a bad value is reported like a bad key.
 */
export function applyEnvironment(
  config: Record<string, unknown>,
  env: Environment,
  problems: string[],
): void {
  for (const [name, path] of ENV_KEYS) {
    const value = env[name]
    if (value !== undefined && value !== '') setPath(config, path, value)
  }
  const hashFile = env.V6_INIT_SUPER_PASS_HASHED_FILE
  if (hashFile !== undefined && hashFile !== '') {
    try {
      setPath(config, ['fedhub', 'root_password_hash'], readFileSync(hashFile, 'utf8').trim())
    } catch (error) {
      problems.push(`V6_INIT_SUPER_PASS_HASHED_FILE: cannot read '${hashFile}' (${String(error)})`)
    }
  }
}
