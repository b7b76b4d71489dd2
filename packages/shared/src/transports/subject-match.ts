/**
 * Whether a subject matches a NATS pattern: `*` stands for one token, a trailing `>` for one or
 * more. The in-process bus uses it so standalone routes subjects exactly as NATS would.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.')
  const have = subject.split('.')
  for (let i = 0; i < want.length; i++) {
    const token = want[i]
    if (token === '>') return i === want.length - 1 && have.length > i
    if (i >= have.length) return false
    if (token !== '*' && token !== have[i]) return false
  }
  return want.length === have.length
}
