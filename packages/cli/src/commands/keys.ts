import { keyFileOf, publicKeySet, readKeySet, rotateKeySet, writeKeySet } from '@fedhub/auth'
import { createLogger } from '@fedhub/shared/logging'
import { loadConfigOrExit } from '@fedhub/shared/runtime'
import type { Command } from 'commander'

interface RotateOptions {
  file?: string
  keep: string
  write?: boolean
  fresh?: boolean
}

/**
 * `fedhub keys rotate`: a new signing key set whose first key is new, keeping the previous keys
 * so tokens they signed verify until they expire. Prints the private set (for auth's secret) and
 * the public set (for every verifier's `fedhub.public_keys`).
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage the token signing keys')
  keys
    .command('rotate')
    .description('print a new key set: a fresh signing key followed by the current ones')
    .option(
      '--file <path>',
      'current private key set (default: signing-keys.json in the data folder)',
    )
    .option('--keep <count>', 'older keys to keep for verification', '2')
    .option('--write', 'also write the new private set to the file')
    .option('--fresh', 'ignore the current keys and start a new set')
    .action(async (options: RotateOptions) => {
      const logger = createLogger({ level: 'warn', service: 'fedhub' })
      const config = loadConfigOrExit(logger)
      const file = options.file ?? keyFileOf(config.dataDir)
      const current = options.fresh === true ? undefined : await readKeySet(file)
      const keep = Number.parseInt(options.keep, 10)
      const next = await rotateKeySet(current, Number.isFinite(keep) && keep >= 0 ? keep : 2)
      if (options.write === true) await writeKeySet(file, next)
      process.stdout.write(
        `${JSON.stringify({ signing_keys: next, public_keys: publicKeySet(next) }, null, 2)}\n`,
      )
    })
}
