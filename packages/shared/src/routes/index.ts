export type { RouteEntry, ServiceName } from './route-table.ts'
export { entryPath, joinApiPath, ROUTE_TABLE, resolveService, routesOf } from './route-table.ts'
