import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import adonisjs from '@adonisjs/vite/client'
import { primeVueTheme } from './vite/primevue_theme.js'

export default defineConfig({
  plugins: [
    vue(),
    adonisjs({ entryPoints: ['inertia/app.ts'], reload: ['resources/views/**/*.edge'] }),
    // PrimeVue's theme CSS (Aura), computed here instead of in every browser (see the plugin).
    primeVueTheme({
      preset: () => import('@primeuix/themes/aura'),
      darkModeSelector: '.app-dark',
      sources: [`${import.meta.dirname}/inertia`],
      root: import.meta.dirname,
    }),
  ],

  // Vite 8 otherwise also builds an SSR environment into the client's output folder,
  // overwriting the browser bundle; we render on the client only.
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client)
    },
  },

  // Several app instances (tests, helpers) may run side by side: each picks its own HMR port.
  server: { hmr: { port: Number(process.env.VITE_HMR_PORT) || undefined } },

  // Scan every page and component up front so dependencies are pre-bundled at start: a dependency discovered
  // late makes Vite re-optimize and reload the page (504 "Outdated Optimize Dep"), which breaks
  // browser tests mid-run.
  optimizeDeps: { entries: ['inertia/app.ts', 'inertia/**/*.vue'] },
  // Instances running side by side must not rewrite each other's pre-bundled dependencies.
  cacheDir: process.env.VITE_CACHE_DIR || undefined,

  resolve: {
    alias: {
      '~/': `${import.meta.dirname}/inertia/`,
      '@generated': `${import.meta.dirname}/.adonisjs/client/`,
      // Browser-safe server modules the workflow builder shares with the server (pure code).
      '#workflows/engine': `${import.meta.dirname}/app/workflows/engine`,
      '#core/events/catalog': `${import.meta.dirname}/app/core/events/catalog.ts`,
      '#core/roles': `${import.meta.dirname}/app/core/roles.ts`,
      // Type-only API shapes shared with the server (imports of them are erased at build time).
      '#workflows/dependencies/types': `${import.meta.dirname}/app/workflows/dependencies/types.ts`,
      '#workflows/library/types': `${import.meta.dirname}/app/workflows/library/types.ts`,
      '#workflows/approvals/types': `${import.meta.dirname}/app/workflows/approvals/types.ts`,
      '#core/http/list_types': `${import.meta.dirname}/app/core/http/list_types.ts`,
    },
  },
})
