/**
 * Drops keys whose value is undefined, so a partial update only touches the fields it names
 * (Lucid's `merge` would otherwise set them to undefined).
 */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined)
  ) as Partial<T>
}
