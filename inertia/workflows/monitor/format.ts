/** Timestamps in the signed-in user's time zone (shared prop), falling back to the tenant's. */
import { computed } from 'vue'
import { useShared } from '~/core/shared_props'

export function useDateFormat() {
  const { user, tenant } = useShared()
  const zone = computed(() => user.value?.timezone || tenant.value?.timezone || 'UTC')
  const full = computed(
    () =>
      new Intl.DateTimeFormat(undefined, {
        timeZone: zone.value,
        dateStyle: 'medium',
        timeStyle: 'medium',
      })
  )
  return {
    zone,
    dateTime(iso: string | null | undefined) {
      return iso ? full.value.format(new Date(iso)) : '—'
    },
  }
}
