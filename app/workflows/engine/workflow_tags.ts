/**
 * Workflow tags: short free-form labels people group automations by ("finance", "onboarding").
 * Shared by the API (validation, list filters) and the builder's tag input, so both normalise the
 * same way: trimmed, lower-cased, 1–40 characters, no commas (the list page keeps the selected
 * tags comma-separated in its query string), at most 20 per workflow, no duplicates.
 */
export const MAX_TAGS = 20
export const MAX_TAG_LENGTH = 40
/** No commas (query-string separator) and no control characters. */
export const TAG_PATTERN = /^[^,\p{Cc}]+$/u

/** The normalised tag, or null when it cannot be one. */
export function normalizeTag(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const tag = value.trim().toLowerCase()
  if (!tag || tag.length > MAX_TAG_LENGTH || !TAG_PATTERN.test(tag)) return null
  return tag
}

/** Normalised, de-duplicated tags in their first-seen order; invalid entries are dropped. */
export function normalizeTags(values: readonly unknown[]): string[] {
  const tags: string[] = []
  for (const value of values) {
    const tag = normalizeTag(value)
    if (tag !== null && !tags.includes(tag)) tags.push(tag)
  }
  return tags.slice(0, MAX_TAGS)
}

/** Tags from a comma-separated query-string value (`?tags=finance,crm`). */
export function tagsFromQuery(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.flatMap((v) => String(v).split(','))
    : String(value ?? '').split(',')
  return normalizeTags(parts)
}
