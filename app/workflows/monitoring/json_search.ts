/** Helpers of the JSON tree: branch detection, entries, short previews and deep search. */

export function isBranch(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object'
}

export function entriesOf(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [index, item])
  if (isBranch(value)) return Object.entries(value)
  return []
}

export function previewOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`
  if (isBranch(value)) {
    const keys = Object.keys(value)
    return `{${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}}`
  }
  return String(value)
}

/** True when a key or a scalar value anywhere below contains `needle` (lower case). */
export function containsMatch(value: unknown, needle: string, budget = { left: 20_000 }): boolean {
  if (!needle || budget.left-- <= 0) return false
  if (!isBranch(value)) return String(value).toLowerCase().includes(needle)
  for (const [key, child] of entriesOf(value)) {
    if (typeof key === 'string' && key.toLowerCase().includes(needle)) return true
    if (containsMatch(child, needle, budget)) return true
  }
  return false
}
