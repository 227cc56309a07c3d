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

function read(): RecentEntry[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]')
    return Array.isArray(value) ? value.filter((e) => typeof e?.id === 'number') : []
  } catch {
    return []
  }
}

export const recentWorkflows = {
  list(): RecentEntry[] {
    return read()
  },
  touch(entry: RecentEntry) {
    const next = [entry, ...read().filter((e) => e.id !== entry.id)].slice(0, LIMIT)
    try {
      localStorage.setItem(KEY, JSON.stringify(next))
    } catch {
      // Storage full or disabled: recents are a convenience.
    }
  },
}
