import { configApp } from '@adonisjs/eslint-config'

// Vue single-file components are checked by vue-tsc (`npm run typecheck`).
export default configApp({ ignores: ['**/*.vue', '.adonisjs/**', 'public/**', 'build/**'] })
