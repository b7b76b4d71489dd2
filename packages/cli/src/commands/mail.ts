import { replayDeadLetters } from '@fedhub/mailer'
import { streamsFor } from '@fedhub/shared/events'
import { createLogger } from '@fedhub/shared/logging'
import { loadConfigOrExit } from '@fedhub/shared/runtime'
import { createNatsBus } from '@fedhub/shared/transports'
import type { Command } from 'commander'

/**
 * `fedhub mail replay`: republishes the mails parked on the dead-letter subject (refused by
 * the SMTP server for good, or malformed) to their original subjects, once the cause is fixed.
 * Mails already sent are not sent again: each keeps its idempotency key.
 */
export function registerMailCommand(program: Command): void {
  const mail = program.command('mail').description('operate the mailer')
  mail
    .command('replay')
    .description('republish parked mails from the dead-letter subject to their original subjects')
    .option('--timeout <seconds>', 'give up when the backlog takes longer than this', '300')
    .action(async (options: { timeout: string }) => {
      const bootLogger = createLogger({ level: 'info', service: 'mail-replay' })
      const config = loadConfigOrExit(bootLogger)
      const logger = createLogger({ level: config.logLevel, service: 'mail-replay' })
      if (config.natsUrl === undefined) {
        // The in-process bus of `fedhub start` lives and dies with that process.
        process.stderr.write('mail replay needs fedhub.nats_url (FEDHUB_NATS_URL)\n')
        process.exitCode = 1
        return
      }
      const bus = await createNatsBus({
        url: config.natsUrl,
        name: 'mail-replay',
        logger,
        namespace: config.raw.fedhub.nats_namespace,
      })
      try {
        const seconds = Number.parseInt(options.timeout, 10)
        const result = await replayDeadLetters(bus, {
          logger,
          deadStream: streamsFor(config.emailTokenValidityMinutes).find(
            (stream) => stream.name === 'FEDHUB_DEAD',
          ),
          timeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 300) * 1000,
        })
        process.stdout.write(
          `replayed ${result.replayed} mail(s)${result.dropped > 0 ? `, dropped ${result.dropped} unreadable` : ''}\n`,
        )
      } finally {
        await bus.close()
      }
    })
}
