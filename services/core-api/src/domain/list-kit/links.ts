import { encodeQuery, firstValues, pathOf } from './query-string.ts'

/** The page links of a list response; absent keys are omitted on the wire. */
export interface PageLinks {
  first?: string
  previous?: string
  self?: string
  next?: string
  last?: string
}

export interface PageState {
  page: number
  perPage: number
  total: number
}

/**
 * Builds `links` for a list: the request path and its parameters with `page` replaced (kept in
 * place, or appended when absent). `previous` exists from page 2 on, even past the end; `last`
 * is omitted when nothing matched.
 */
export function pageLinks(rawUrl: string, state: PageState): PageLinks {
  const path = pathOf(rawUrl)
  const params = firstValues(rawUrl)
  const at = (page: number) => {
    const pairs: Array<[string, string]> = params.map(([key, value]) =>
      key === 'page' ? [key, String(page)] : [key, value],
    )
    if (!params.some(([key]) => key === 'page')) pairs.push(['page', String(page)])
    return `${path}?${encodeQuery(pairs)}`
  }
  const lastPage = Math.ceil(state.total / state.perPage)
  const links: PageLinks = { first: at(1) }
  if (state.page > 1) links.previous = at(state.page - 1)
  links.self = at(state.page)
  if (state.page < lastPage) links.next = at(state.page + 1)
  if (lastPage > 0) links.last = at(lastPage)
  return links
}

/** The `Link` header: `<url>; rel=first,<url>; rel=self,…` with no spaces between entries. */
export function linkHeader(links: PageLinks): string {
  return Object.entries(links)
    .map(([rel, url]) => `<${url}>; rel=${rel}`)
    .join(',')
}

/** A to-one relation as clients follow it. */
export interface HateoasLink {
  id: number
  link: string
  methods: string[]
}

/** Methods of each item endpoint, as the `methods` of links to it list them. */
export const ITEM_METHODS: Readonly<Record<string, readonly string[]>> = {
  collaboration: ['GET', 'PATCH', 'DELETE'],
  organization: ['GET', 'PATCH', 'DELETE'],
  user: ['GET', 'PATCH', 'DELETE'],
  role: ['GET', 'PATCH', 'DELETE'],
  node: ['GET', 'PATCH', 'DELETE'],
  task: ['GET', 'DELETE'],
  run: ['GET', 'PATCH'],
  result: ['GET', 'PATCH'],
  study: ['GET', 'PATCH', 'DELETE'],
  algorithmstore: ['GET', 'PATCH', 'DELETE'],
}

/**
 * Builds links with the API path in them: the UI prefixes only the server address.
 *
 * @example
 * const links = linkBuilder('/api')
 * links.one('organization', 3) // { id: 3, link: '/api/organization/3', methods: [...] }
 * links.many('role', 'user_id', 5) // '/api/role?user_id=5'
 */
export function linkBuilder(apiPath: string) {
  return {
    one(resource: string, id: number | null | undefined): HateoasLink | null {
      if (id === null || id === undefined) return null
      return {
        id,
        link: `${apiPath}/${resource}/${id}`,
        methods: [...(ITEM_METHODS[resource] ?? ['GET'])],
      }
    },
    many(resource: string, filter: string, id: number): string {
      return `${apiPath}/${resource}?${filter}=${id}`
    },
  }
}

export type LinkBuilder = ReturnType<typeof linkBuilder>
