import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  type LinkBuilder,
  linkHeader,
  type Page,
  type PageRequest,
  pageLinks,
  parseSort,
} from '../domain/list-kit/index.ts'

/** What the account routes need besides the request. */
export interface RouteDeps {
  apiPath: string
  links: LinkBuilder
  bcryptRounds: number
}

/** The paging part of a list query string, after schema validation. */
export interface PageQuery {
  page: number
  per_page: number
  sort?: string
}

export function pageRequest(
  query: PageQuery,
  model: string,
  columns: Readonly<Record<string, string>>,
): PageRequest {
  return { page: query.page, perPage: query.per_page, sort: parseSort(query.sort, model, columns) }
}

/** Sends a list: `{data, links}` with the `total-count` and `Link` headers. */
export function sendPage<T, V>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<T>,
  toView: (row: T) => V,
) {
  const links = pageLinks(request.url, page)
  void reply.headers({
    'total-count': String(page.total),
    link: linkHeader(links),
    'access-control-expose-headers': 'total-count, Link',
  })
  return { data: page.rows.map(toView), links }
}

/** Route description: what it does and the rules that gate it. */
export function describe(summary: string, gates: string): string {
  return `${summary}\n\nGated by: ${gates}`
}
