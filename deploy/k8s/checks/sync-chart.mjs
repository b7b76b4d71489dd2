// Copies what the chart must agree with out of the TypeScript sources: the route table (the
// ingress paths) and the configuration schema (the `config` section of values.schema.json).
// Run with `node --import tsx deploy/k8s/checks/sync-chart.mjs` after changing either; with
// `--check` it only reports whether the chart's copies are current (the deploy checks run that).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { ConfigSchema } from '../../../packages/shared/src/config/schema.ts'
import { ROUTE_TABLE } from '../../../packages/shared/src/routes/route-table.ts'

const chart = new URL('../fedhub/', import.meta.url)
const routesFile = new URL('files/routes.json', chart)
const schemaFile = new URL('values.schema.json', chart)

// Settings the chart derives from its own values (ports, mounts, secrets); an operator who set
// them under `config` would be overridden silently, so the values schema refuses them.
const CHART_OWNED = [
  ['uri'],
  ['port'],
  ['fedhub', 'data_dir'],
  ['fedhub', 'metrics_port'],
  ['fedhub', 'redis_url'],
  ['fedhub', 'nats_url'],
  ['fedhub', 'root_password'],
  ['fedhub', 'root_password_hash'],
  ['fedhub', 'public_keys'],
  ['fedhub', 'public_keys_file'],
  ['smtp', 'password'],
]

function withoutOwned(schema) {
  const copy = structuredClone(JSON.parse(JSON.stringify(schema)))
  for (const path of CHART_OWNED) {
    let node = copy
    for (const key of path.slice(0, -1)) node = node.properties[key]
    const last = path[path.length - 1]
    delete node.properties[last]
    if (Array.isArray(node.required)) node.required = node.required.filter((k) => k !== last)
  }
  return copy
}

// fedhub fills defaults before it checks `required`; Helm does not, so a key that has a default
// must not be required of the operator.
function withoutDefaultedRequired(node) {
  if (Array.isArray(node)) return node.map(withoutDefaultedRequired)
  if (typeof node !== 'object' || node === null) return node
  const out = {}
  for (const [key, value] of Object.entries(node)) out[key] = withoutDefaultedRequired(value)
  if (Array.isArray(out.required) && out.properties !== undefined) {
    out.required = out.required.filter((key) => out.properties[key]?.default === undefined)
    if (out.required.length === 0) delete out.required
  }
  return out
}

function expectedRoutes() {
  return ROUTE_TABLE.map(({ service, base, path, match }) => ({ service, base, path, match }))
}

function expectedConfigSchema() {
  return {
    ...withoutDefaultedRequired(withoutOwned(ConfigSchema)),
    description:
      'The fedhub configuration file (upstream vantage6 keys, fedhub settings under `fedhub`), generated from the service schema; connection URLs, ports, keys and passwords come from other values.',
  }
}

const schema = JSON.parse(readFileSync(schemaFile, 'utf8'))
const stale = []
if (!isDeepStrictEqual(JSON.parse(readFileSync(routesFile, 'utf8')), expectedRoutes())) {
  stale.push('files/routes.json')
}
if (!isDeepStrictEqual(schema.properties.config, expectedConfigSchema())) {
  stale.push('values.schema.json (properties.config)')
}

if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    process.stderr.write(
      `the chart is out of date with the sources: ${stale.join(', ')}\n` +
        'run: node --import tsx deploy/k8s/checks/sync-chart.mjs\n',
    )
    process.exit(1)
  }
  process.stdout.write('chart routes and config schema match the sources\n')
} else {
  writeFileSync(routesFile, `${JSON.stringify(expectedRoutes(), null, 2)}\n`)
  schema.properties.config = expectedConfigSchema()
  writeFileSync(schemaFile, `${JSON.stringify(schema, null, 2)}\n`)
  // Leave both files as `pnpm lint` wants them.
  const root = fileURLToPath(new URL('../../../', import.meta.url))
  const files = [routesFile, schemaFile].map((file) => fileURLToPath(file))
  spawnSync('pnpm', ['exec', 'biome', 'format', '--write', ...files], {
    cwd: root,
    stdio: 'inherit',
  })
  process.stdout.write(stale.length === 0 ? 'already current\n' : `updated ${stale.join(', ')}\n`)
}
