import { router } from '@inertiajs/vue3'

export type Theme = 'light' | 'dark'

/** PrimeVue's Aura preset switches to dark tokens when <html> has this class. */
const DARK_CLASS = 'app-dark'

export function applyTheme(theme: Theme) {
  document.documentElement.classList.toggle(DARK_CLASS, theme === 'dark')
}

/** Applies at once, then saves on the user (PATCH /settings/theme) so every device follows. */
export function saveTheme(theme: Theme) {
  applyTheme(theme)
  router.patch('/settings/theme', { theme }, { preserveState: true, preserveScroll: true })
}
