import type { AlgorithmStore } from '@fedhub/shared/entities'
import type { LinkBuilder } from '../list-kit/index.ts'

export interface StoreView {
  id: number
  name: string | null
  url: string | null
  collaborations: string | null
}

/** `collaborations` is null for a store available to every collaboration. */
export function toStoreView(store: AlgorithmStore, links: LinkBuilder): StoreView {
  return {
    id: store.id,
    name: store.name ?? null,
    url: store.url ?? null,
    collaborations:
      store.collaboration === null || store.collaboration === undefined
        ? null
        : links.many('collaboration', 'algorithm_store_id', store.id),
  }
}

export const STORE_SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 's.id',
  name: 's.name',
  url: 's.url',
  collaboration_id: 's.collaboration',
}
