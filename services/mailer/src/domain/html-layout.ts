import { escapeHtml } from './escape-html.ts'
import type { MailSettings } from './rendered-mail.ts'

/**
 * A paragraph of HTML built from literal text and values; only the values are escaped, so the
 * templates stay readable while every interpolated field is safe.
 */
export function html(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < values.length ? escapeHtml(values[i]!) : ''),
    '',
  )
}

/** Wraps already-escaped body paragraphs in a minimal document with the support footer. */
export function htmlDocument(title: string, body: string[], settings: MailSettings): string {
  const support = escapeHtml(settings.supportEmail)
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #222;">',
    ...body.map((paragraph) => `<p>${paragraph}</p>`),
    '<hr>',
    `<p style="font-size: 0.9em; color: #555;">Questions? Write to <a href="mailto:${support}">${support}</a>.</p>`,
    '</body>',
    '</html>',
  ].join('\n')
}

/** The plain-text footer that matches {@link htmlDocument}'s. */
export function textFooter(settings: MailSettings): string {
  return `--\nQuestions? Write to ${settings.supportEmail}.`
}
