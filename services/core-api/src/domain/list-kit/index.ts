export { base64Of, DATE_PATTERN, formatTimestamp, utcDate } from './format.ts'
export type { HateoasLink, LinkBuilder, PageLinks, PageState } from './links.ts'
export { ITEM_METHODS, linkBuilder, linkHeader, pageLinks } from './links.ts'
export type { Page, PageRequest } from './page.ts'
export { fetchPage } from './page.ts'
export {
  encodeQuery,
  FLAG_PATTERN,
  firstOfRepeated,
  firstValues,
  parseFlag,
  parseInclude,
  pathOf,
} from './query-string.ts'
export {
  ERROR_SCHEMA,
  FLAG,
  HATEOAS_SCHEMA,
  ID,
  ID_OR_DIGITS,
  idOf,
  listSchema,
  MESSAGE_SCHEMA,
  PAGE_QUERY,
} from './schemas.ts'
export type { SortKey } from './sort.ts'
export { parseSort } from './sort.ts'
