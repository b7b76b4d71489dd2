import type { KeyValueStore } from '@fedhub/shared/transports'

export type Claim = 'claimed' | 'sent' | 'busy'

export interface MailKeysOptions {
  /** How long a claim holds while a send is under way; after it a crashed send is retried. */
  claimTtlMs: number
  /** How long a sent mail is remembered; longer than the mail stream keeps events. */
  sentTtlMs: number
}

/**
 * Idempotency keys in the shared store, one per mail: `sending` while a replica sends it, `sent`
 * afterwards. The claim is atomic (SET NX), so two replicas or a redelivery after a lost ack
 * never both send.
 */
export function createMailKeys(kv: KeyValueStore, options: MailKeysOptions) {
  const keyOf = (mailId: string) => `mailer:mail:${mailId}`
  return {
    async claim(mailId: string): Promise<Claim> {
      const key = keyOf(mailId)
      if (await kv.set(key, 'sending', { ttlMs: options.claimTtlMs, onlyIfAbsent: true })) {
        return 'claimed'
      }
      return (await kv.get(key)) === 'sent' ? 'sent' : 'busy'
    },

    async markSent(mailId: string): Promise<void> {
      await kv.set(keyOf(mailId), 'sent', { ttlMs: options.sentTtlMs })
    },

    /** Gives a claim back after a failed send, so a retry may send. */
    async release(mailId: string): Promise<void> {
      await kv.delete(keyOf(mailId))
    },
  }
}

export type MailKeys = ReturnType<typeof createMailKeys>
