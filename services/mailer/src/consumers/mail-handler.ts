import type { Logger } from '@fedhub/shared/logging'
import type { BusMessage, EventBus } from '@fedhub/shared/transports'
import { renderMail } from '../domain/render-mail.ts'
import type { MailSettings } from '../domain/rendered-mail.ts'
import { MailSendError, type MailTransport } from '../transport/mail-transport.ts'
import { type BackOff, backOffDelay, pause, whileWorking } from './back-off.ts'
import { parkDeadLetter } from './dead-letters.ts'
import { mailIdOf } from './mail-id.ts'
import type { MailKeys } from './mail-keys.ts'
import type { MailMetrics } from './mail-metrics.ts'

export interface MailHandlerDeps {
  bus: EventBus
  transport: MailTransport
  keys: MailKeys
  metrics: MailMetrics
  logger: Logger
  settings: MailSettings
  deadLetterSubject: string
  backOff: BackOff
  /** Interval of `working()` calls while a send or a back-off holds the message. */
  heartbeatMs: number
  /** Aborted when the mailer stops, so a back-off does not hold up shutdown. */
  stopping: AbortSignal
}

function asSendError(err: unknown): MailSendError {
  if (err instanceof MailSendError) return err
  return new MailSendError((err as Error)?.message ?? String(err), { permanent: false, cause: err })
}

/**
 * Handles one mail event: park it when malformed, skip it when already sent, else send it.
 * Resolving acknowledges; throwing has the bus deliver it again after a back-off.
 */
export function createMailHandler(deps: MailHandlerDeps) {
  return async (message: BusMessage): Promise<void> => {
    const mailId = mailIdOf(message)
    // Fields only: the payload holds the token and must never reach a log line.
    const log = deps.logger.child({
      subject: message.subject,
      mailId,
      deliveryCount: message.deliveryCount,
    })
    const rendered = renderMail(message.subject, message.data, deps.settings)
    if (!rendered.ok) {
      const reason = rendered.problems.join('; ')
      await parkDeadLetter(deps.bus, deps.deadLetterSubject, message, {
        mailId,
        kind: 'malformed',
        reason,
      })
      deps.metrics.deadLettered.inc({ kind: 'malformed' })
      log.error({ reason }, 'malformed mail event parked on the dead-letter subject')
      return
    }

    const claim = await deps.keys.claim(mailId)
    if (claim === 'sent') {
      log.info('mail already sent; repeated delivery skipped')
      return
    }
    if (claim === 'busy') {
      // Another delivery holds the claim; if it crashed, the claim expires and a retry sends.
      throw new Error(`mail ${mailId} is being sent by another delivery`)
    }

    let logFields: Record<string, string>
    try {
      logFields = await whileWorking(message, deps.heartbeatMs, () =>
        deps.transport.send({ ...rendered.mail, mailId }),
      )
    } catch (err) {
      const failure = asSendError(err)
      await deps.keys.release(mailId)
      if (failure.permanent) {
        await parkDeadLetter(deps.bus, deps.deadLetterSubject, message, {
          mailId,
          kind: 'rejected',
          reason: failure.message,
        })
        deps.metrics.deadLettered.inc({ kind: 'rejected' })
        log.error(
          { reason: failure.message },
          'mail refused for good; parked on the dead-letter subject',
        )
        return
      }
      deps.metrics.retried.inc()
      const delayMs = backOffDelay(message.deliveryCount, deps.backOff)
      log.warn({ reason: failure.message, retryInMs: delayMs }, 'mail send failed; will retry')
      await whileWorking(message, deps.heartbeatMs, () => pause(delayMs, deps.stopping))
      throw failure
    }

    try {
      await deps.keys.markSent(mailId)
    } catch (err) {
      // The mail is out; acknowledging it is right. Only a redelivery within the claim's life is guarded now.
      log.warn({ err }, 'mail sent but its key was not marked sent')
    }
    deps.metrics.sent.inc()
    log.info({ userId: userIdOf(message), ...logFields }, 'mail sent')
  }
}

function userIdOf(message: BusMessage): number | undefined {
  const data = message.data as { recipient?: { user_id?: number } }
  return data.recipient?.user_id
}
