import { router } from '@inertiajs/vue3'
import { useTransmitChannel } from '~/core/use_transmit'
import { useShared } from '~/core/shared_props'
import type { CrmChangeMessage } from '../../app/crm/types'

/**
 * Reloads `only` props when a CRM record matching `matches` changes (by anyone, including
 * automations). Bursts of events (a conversion emits several) cause one reload.
 */
export function useCrmChanges(matches: (message: CrmChangeMessage) => boolean, only: string[]) {
  const { tenant } = useShared()
  let timer: ReturnType<typeof setTimeout> | undefined
  if (!tenant.value) return
  useTransmitChannel<CrmChangeMessage>(`tenants/${tenant.value.id}/crm`, (message) => {
    if (!matches(message)) return
    clearTimeout(timer)
    timer = setTimeout(() => router.reload({ only }), 250)
  })
}
