/**
 * Tells open CRM pages that a record changed, whoever changed it (a colleague, an automation in a
 * worker process): every CRM event is announced on `tenants/:tenantId/crm` with its type and
 * record, and the pages reload the affected props. Only ids travel, never record data: the page
 * fetches what the viewer is allowed to see.
 */
import { onDomainEvent } from '#core/events/bus'
import { DOMAIN_EVENT_CATALOG } from '#core/events/catalog'
import { broadcast } from '#core/realtime/broadcast'
import type { CrmChangeMessage } from '#crm/types'

export function crmChannel(tenantId: number | string) {
  return `tenants/${tenantId}/crm`
}

onDomainEvent(
  'crm.live_updates',
  async (event) => {
    const message: CrmChangeMessage = {
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
    }
    broadcast(crmChannel(event.tenantId), { ...message })
  },
  { filter: (event) => DOMAIN_EVENT_CATALOG[event.type]?.module === 'crm' }
)
