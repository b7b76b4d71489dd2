import { Counter, type Registry } from 'prom-client'

function counter(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  // Reused when a second mailer shares the registry (replicas in one test process).
  const existing = registry.getSingleMetric(name) as Counter | undefined
  return existing ?? new Counter({ name, help, labelNames, registers: [registry] })
}

/** The mailer's counters on the process registry, served at `/metrics`. */
export function createMailMetrics(registry: Registry) {
  return {
    sent: counter(registry, 'fedhub_mail_sent_total', 'Mails handed to SMTP or written to file'),
    retried: counter(
      registry,
      'fedhub_mail_retried_total',
      'Mail sends that failed temporarily and will be retried',
    ),
    deadLettered: counter(
      registry,
      'fedhub_mail_dead_lettered_total',
      'Mail events parked on the dead-letter subject, by kind (malformed, rejected)',
      ['kind'],
    ),
  }
}

export type MailMetrics = ReturnType<typeof createMailMetrics>
