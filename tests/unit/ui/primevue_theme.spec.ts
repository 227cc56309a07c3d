import { test } from '@japa/runner'
import { fileURLToPath } from 'node:url'
import { primeVueThemeCss, usedPrimeVueModules } from '../../../vite/primevue_theme.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const sources = [`${root}inertia`]

test.group('UI | PrimeVue theme built ahead of time', () => {
  test('covers the components the app imports and the ones they contain', ({ assert }) => {
    const modules = usedPrimeVueModules(sources, root)
    // Imported directly by pages and components.
    for (const name of ['button', 'select', 'dialog', 'datatable', 'tooltip']) {
      assert.include(modules, name)
    }
    // Only used inside other PrimeVue components (Select's filter, DataTable's pager).
    assert.include(modules, 'inputtext')
    assert.include(modules, 'paginator')
    // A container comes before what it contains, as they mount at run time.
    assert.isBelow(modules.indexOf('datatable'), modules.indexOf('paginator'))
  })

  test('is the Aura theme with dark mode on .app-dark', async ({ assert }) => {
    const css = await primeVueThemeCss({
      preset: () => import('@primeuix/themes/aura'),
      darkModeSelector: '.app-dark',
      sources,
      root,
    })
    // Common tokens, then each component's variables and style.
    assert.match(css, /--p-primary-color:/)
    assert.match(css, /\.app-dark\{/)
    assert.match(css, /--p-button-primary-background:/)
    assert.match(css, /\.p-button\{/)
    assert.match(css, /\.p-tooltip\{/)
    assert.isBelow(css.indexOf('/* semantic-variables */'), css.indexOf('/* button-style */'))
  }).timeout(20_000)
})
