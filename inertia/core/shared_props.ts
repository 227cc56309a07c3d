import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'
import type { Role } from '../../app/core/roles'

/** Shared Inertia props (see app/middleware/inertia_middleware.ts). */
export interface SharedUser {
  id: number
  email: string
  fullName: string | null
  theme: 'light' | 'dark'
  timezone: string
}
export interface SharedTenant {
  id: number
  name: string
  slug: string
  timezone: string
  currency: string
}
export interface SharedProps {
  user: SharedUser | null
  tenant: SharedTenant | null
  role: Role | null
  tenants: { id: number; name: string; role: Role }[]
  flash: { success?: string; error?: string }
  errors: Record<string, string>
}

/** Typed access to the shared props from any component. */
export function useShared() {
  const page = usePage()
  const props = computed(() => page.props as unknown as SharedProps)
  return {
    user: computed(() => props.value.user),
    tenant: computed(() => props.value.tenant),
    role: computed(() => props.value.role),
    tenants: computed(() => props.value.tenants ?? []),
    flash: computed(() => props.value.flash ?? {}),
    url: computed(() => page.url),
  }
}
