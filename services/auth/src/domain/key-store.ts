import { randomBytes } from 'node:crypto'
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { keySetProblem, rotateKeySet, type SigningKeySet } from './signing-keys.ts'

/** Where auth keeps its private key set: a file in the data folder (a mounted secret in k8s). */
export function keyFileOf(dataDir: string): string {
  return join(dataDir, 'signing-keys.json')
}

export async function readKeySet(file: string): Promise<SigningKeySet | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const parsed: unknown = JSON.parse(text)
  const problem = keySetProblem(parsed)
  if (problem !== undefined) throw new Error(`signing key file ${file}: ${problem}`)
  return parsed as SigningKeySet
}

/** Writes a key set readable by its owner only, through a rename so a reader never sees half. */
export async function writeKeySet(file: string, set: SigningKeySet): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temporary, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600 })
  await rename(temporary, file)
}

/**
 * Loads the key set, or generates one and keeps it when `generate` allows (standalone, where no
 * operator provides keys). A distributed auth must be given its keys: replicas that each made
 * their own would refuse each other's tokens.
 */
export async function loadSigningKeys(
  dataDir: string,
  options: { generate: boolean },
): Promise<SigningKeySet> {
  const file = keyFileOf(dataDir)
  const existing = await readKeySet(file)
  if (existing !== undefined) return existing
  if (!options.generate) {
    throw new Error(
      `no signing keys at ${file}: create them with \`fedhub keys rotate\` and mount them there`,
    )
  }
  const created = await rotateKeySet(undefined)
  await mkdir(dirname(file), { recursive: true })
  const temporary = `${file}.${randomBytes(6).toString('hex')}.new`
  await writeFile(temporary, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 })
  try {
    // link() fails when the file exists, so of two services starting together one set wins and
    // both use it; rename() would let the later one silently replace the earlier one's keys.
    await link(temporary, file)
    return created
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return (await readKeySet(file)) as SigningKeySet
  } finally {
    await unlink(temporary)
  }
}
