import { computed } from 'vue'
import { roleAtLeast } from '#core/roles'
import { useShared } from '~/core/shared_props'

/** True when the member may change CRM records (builder or above); hides write controls. */
export function useCanWrite() {
  const { role } = useShared()
  return computed(() => roleAtLeast(role.value, 'builder'))
}
