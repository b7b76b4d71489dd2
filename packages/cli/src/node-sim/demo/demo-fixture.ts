import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { type Static, Type } from 'typebox'
import { parse as parseYaml } from 'yaml'
import { schemaChecker } from '../schema-check.ts'

/** The demo network file committed with the command (`packages/cli/demo/network.yaml`). */
export const DEFAULT_DEMO_FIXTURE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'demo',
  'network.yaml',
)

const DemoFixtureSchema = Type.Object(
  {
    collaboration: Type.String({ minLength: 1, maxLength: 128 }),
    database_label: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    organizations: Type.Array(
      Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 128 }), csv: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    analysis: Type.Object(
      { image: Type.String({ minLength: 1 }), column: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export type DemoFixture = Static<typeof DemoFixtureSchema>

const checkFixture = schemaChecker<DemoFixture>(DemoFixtureSchema)

/** Reads and checks a demo network file; CSV paths come back absolute. */
export async function readDemoFixture(file: string): Promise<DemoFixture> {
  const checked = checkFixture(parseYaml(await readFile(file, 'utf8')))
  if (!checked.ok) {
    throw new Error(`demo network ${file} is not valid:\n  ${checked.problems.join('\n  ')}`)
  }
  const folder = dirname(resolve(file))
  return {
    ...checked.value,
    organizations: checked.value.organizations.map((org) => ({
      ...org,
      csv: resolve(folder, org.csv),
    })),
  }
}
