// PrimeVue's Aura theme, computed at build time (vite/primevue_theme.ts): hence `theme: 'none'`.
import 'virtual:primevue-theme.css'
import './css/app.css'
import 'primeicons/primeicons.css'
import Layout from '~/layouts/default.vue'
import { createInertiaApp } from '@inertiajs/vue3'
import { createApp, type DefineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import ConfirmationService from 'primevue/confirmationservice'
import Tooltip from 'primevue/tooltip'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'

const appName = import.meta.env.VITE_APP_NAME || 'LogiAccounting'

createInertiaApp({
  title: (title) => (title ? `${title} - ${appName}` : appName),
  resolve: (name) => {
    return resolvePageComponent(
      `./pages/${name}.vue`,
      import.meta.glob<DefineComponent>('./pages/**/*.vue'),
      Layout
    )
  },
  setup({ el, App, props, plugin }) {
    createApp({ render: () => h(App, props) })
      .use(plugin)
      .use(createPinia())
      // The theme CSS is prebuilt; its dark mode follows the `.app-dark` class on <html>.
      .use(PrimeVue, { theme: 'none' })
      .use(ToastService)
      .use(ConfirmationService)
      .directive('tooltip', Tooltip)
      .mount(el)
  },
  progress: { color: '#10b981' },
})
