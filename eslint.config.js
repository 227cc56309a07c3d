import { configApp } from '@adonisjs/eslint-config'

// Vue single-file components are checked by vue-tsc (`npm run typecheck`).
export default configApp(
  { ignores: ['**/*.vue', '.adonisjs/**', 'public/**', 'build/**'] },
  {
    // Pure, browser-safe server code the builder imports on purpose, so the builder and the
    // server validate graphs with the same functions (DESIGN.md: engine/ runs in both), and
    // type-only files holding the JSON shapes of APIs both sides use (one source, no mirror).
    files: ['inertia/**/*.ts'],
    rules: {
      '@adonisjs/no-backend-import-in-frontend': [
        'error',
        {
          allowed: [
            '#workflows/engine/*',
            '#core/events/catalog',
            '#core/roles',
            '#workflows/dependencies/types',
            '#workflows/approvals/types',
            '#workflows/library/types',
            '#core/http/list_types',
          ],
        },
      ],
    },
  }
)
