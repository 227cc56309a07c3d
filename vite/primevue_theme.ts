/**
 * PrimeVue's theme CSS, computed at build time.
 *
 * In styled mode PrimeVue turns its preset's design tokens into CSS in the browser: the common
 * variables when the app starts (~10k tokens), then each component's variables and styles the
 * first time one mounts, each injected as a <style> element. On the builder that is a large
 * part of opening the page. The result depends on nothing but the preset, so this plugin
 * computes the same CSS once, in Node, as the stylesheet `virtual:primevue-theme.css`, and the
 * app runs PrimeVue with `theme: 'none'` (inertia/app.ts).
 *
 * Covered: every PrimeVue component and directive the client code imports, plus the ones they
 * use inside (Select → InputText, DataTable → Paginator, …), found by reading the imports.
 * The CSS is what PrimeVue's runtime would inject (BaseComponent/BaseDirective `_loadThemeStyles`
 * and PrimeVue's `loadCommonTheme`), in the same order: common variables, global style, then each
 * component's variables and style. Components' structural ("core") CSS is still injected by
 * PrimeVue at run time, as before: it does not depend on the theme.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

const ID = 'virtual:primevue-theme.css'
const RESOLVED = `\0${ID}`

export interface PrimeVueThemeOptions {
  /** Loads the preset in Node, e.g. `() => import('@primeuix/themes/aura')`. */
  preset: () => Promise<{ default: object }>
  /** Selector of dark mode (PrimeVue's `darkModeSelector` option). */
  darkModeSelector: string
  /** Folders of client code whose `primevue/<name>` imports decide which components get CSS. */
  sources: string[]
  /** The project root (node_modules is resolved from here). */
  root: string
}

const PRIMEVUE_IMPORT = /['"]primevue\/([a-z]+)['"]/g

/** Every file under `dir` ending in .vue or .ts. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(vue|ts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

function importedNames(text: string): string[] {
  return [...text.matchAll(PRIMEVUE_IMPORT)].map((match) => match[1])
}

/**
 * The PrimeVue modules the app uses, directly or through another PrimeVue component, in
 * depth-first order (a component before the ones it contains, as they mount at run time).
 */
export function usedPrimeVueModules(sources: string[], root: string): string[] {
  const direct = new Set(
    sources.flatMap(sourceFiles).flatMap((file) => importedNames(readFileSync(file, 'utf8')))
  )
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    order.push(name)
    const entry = join(root, 'node_modules/primevue', name, 'index.mjs')
    if (existsSync(entry))
      for (const inner of importedNames(readFileSync(entry, 'utf8'))) visit(inner)
  }
  for (const name of [...direct].sort()) visit(name)
  return order
}

interface StyleModule {
  name: string
  style?: unknown
  css?: unknown
}

/** The theme CSS PrimeVue would inject at run time for these modules. */
export async function primeVueThemeCss(options: PrimeVueThemeOptions): Promise<string> {
  const { Theme, css } = await import('@primeuix/styled')
  const { minifyCSS } = await import('@primeuix/utils/object')
  // Typed loosely by PrimeVue: these are the members its BaseComponent uses at run time.
  const baseStyleModule = await import('@primevue/core/base/style')
  const BaseStyle = baseStyleModule.default as unknown as {
    style: unknown
    getCommonTheme(): Record<'primitive' | 'semantic' | 'global', { css?: string }> & {
      style?: string
    }
  }
  const { default: preset } = await options.preset()
  Theme.setTheme({ preset, options: { darkModeSelector: options.darkModeSelector } })

  const sheets: Array<[string, string]> = []
  const add = (name: string, text: string | undefined) => {
    const minified = text ? minifyCSS(text) : ''
    if (minified) sheets.push([name, minified])
  }
  // The tagged-template form also evaluates `dt()` token references, as BaseStyle.load does.
  // prettier-ignore
  const resolve = (value: unknown) => css`${value}`

  const common = BaseStyle.getCommonTheme()
  add('primitive-variables', resolve(common.primitive?.css))
  add('semantic-variables', resolve(common.semantic?.css))
  add('global-variables', resolve(common.global?.css))
  add(
    'global-style',
    Theme.transformCSS('global-style', `${resolve(BaseStyle.style)}${resolve(common.style)}`)
  )

  for (const name of usedPrimeVueModules(options.sources, options.root)) {
    if (!existsSync(join(options.root, 'node_modules/primevue', name, 'style'))) continue
    const { default: style } = (await import(`primevue/${name}/style`)) as { default: StyleModule }
    const directive = style.name.endsWith('-directive')
    const theme = directive
      ? Theme.getDirective(style.name, undefined)
      : Theme.getComponent(style.name, undefined)
    add(`${style.name}-variables`, resolve(theme?.css))
    add(
      `${style.name}-style`,
      Theme.transformCSS(`${style.name}-style`, `${resolve(style.style)}${resolve(theme?.style)}`)
    )
  }
  return sheets.map(([name, text]) => `/* ${name} */\n${text}`).join('\n')
}

export function primeVueTheme(options: PrimeVueThemeOptions): Plugin {
  let cached: Promise<string> | null = null
  return {
    name: 'primevue-theme',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined
    },
    load(id) {
      if (id !== RESOLVED) return undefined
      cached ??= primeVueThemeCss(options)
      return cached
    },
  }
}
