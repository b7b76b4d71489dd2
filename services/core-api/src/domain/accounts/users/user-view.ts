import type { User } from '@fedhub/shared/entities'
import { formatTimestamp, type HateoasLink, type LinkBuilder } from '../../list-kit/index.ts'

/** What `include_permissions` adds to a user. */
export interface UserPermissions {
  roles: number[]
  rules: number[]
  orgs_in_collabs: number[]
}

/**
 * A user on the wire. Deliberately without `password`, `otp_secret` and the lockout columns:
 * upstream shows the TOTP secret to anyone who may view the user.
 */
export interface UserView {
  id: number
  type: string
  ip: string | null
  last_seen: string | null
  status: string | null
  username: string | null
  firstname: string | null
  lastname: string | null
  email: string | null
  last_email_failed_login_sent: string | null
  last_email_recover_password_sent: string | null
  organization: HateoasLink | null
  roles: string
  rules: string
  permissions?: UserPermissions
}

/** Builds the view of a user whose identity row (`authenticatable`) is loaded. */
export function toUserView(
  user: User,
  links: LinkBuilder,
  permissions?: UserPermissions,
): UserView {
  const identity = user.authenticatable
  const view: UserView = {
    id: user.id,
    type: identity?.type ?? 'user',
    ip: identity?.ip ?? null,
    last_seen: formatTimestamp(identity?.lastSeen),
    status: identity?.status ?? null,
    username: user.username ?? null,
    firstname: user.firstname ?? null,
    lastname: user.lastname ?? null,
    email: user.email ?? null,
    last_email_failed_login_sent: formatTimestamp(user.lastEmailFailedLoginSent),
    last_email_recover_password_sent: formatTimestamp(user.lastEmailRecoverPasswordSent),
    organization: links.one('organization', user.organization?.id),
    roles: links.many('role', 'user_id', user.id),
    rules: links.many('rule', 'user_id', user.id),
  }
  if (permissions !== undefined) view.permissions = permissions
  return view
}

/**
 * Attribute names a user list may sort by. The password, the TOTP secret and the lockout columns
 * (`failed_login_attempts`, `last_login_attempt`) are left out: the output hides them, and an
 * order by them would reveal them (e.g. which accounts are close to being locked).
 */
export const USER_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'u.id',
  type: 'a.type',
  ip: 'a.ip',
  last_seen: 'a.lastSeen',
  status: 'a.status',
  username: 'u.username',
  firstname: 'u.firstname',
  lastname: 'u.lastname',
  email: 'u.email',
  organization_id: 'u.organization',
  last_email_failed_login_sent: 'u.lastEmailFailedLoginSent',
  last_email_recover_password_sent: 'u.lastEmailRecoverPasswordSent',
}
