/**
 * Workflows this user opened recently, kept in localStorage (per browser, per user id key) so
 * the list page can offer them first.
 */
const KEY = 'logiaccounting.recent-workflows'
const LIMIT = 6

interface RecentEntry {
  id: number
  name: string
}

function keyFor(userId: number | null | undefined) {
  return `${KEY}.${userId ?? 'anonymous'}`
}

function read(userId: number | null | undefined): RecentEntry[] {
  try {
    const value = JSON.parse(localStorage.getItem(keyFor(userId)) ?? '[]')
    return Array.isArray(value) ? value.filter((e) => typeof e?.id === 'number') : []
  } catch {
    return []
  }
}

export const recentWorkflows = {
  list(userId: number | null | undefined): RecentEntry[] {
    return read(userId)
  },
  touch(userId: number | null | undefined, entry: RecentEntry) {
    const next = [entry, ...read(userId).filter((e) => e.id !== entry.id)].slice(0, LIMIT)
    try {
      localStorage.setItem(keyFor(userId), JSON.stringify(next))
    } catch {
      // Storage full or disabled: recents are a convenience.
    }
  },
}
