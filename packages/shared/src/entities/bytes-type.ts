import { BlobType } from '@mikro-orm/core'

/**
 * `BYTEA` / `BLOB` read as a Node `Buffer` on both drivers; libsql hands blobs back as
 * `ArrayBuffer`, which would otherwise leak into the entities.
 */
export class BytesType extends BlobType {
  override convertToJSValue(value: Buffer): Buffer | null {
    const raw: unknown = value
    if (raw instanceof ArrayBuffer) return Buffer.from(raw)
    return super.convertToJSValue(value)
  }
}
