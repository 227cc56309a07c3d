import { test } from '@japa/runner'
import transmit from '@adonisjs/transmit/services/main'
import { waitForDispatches } from '#core/events/outbox'
import { dealService } from '#crm/services/deal_service'
import { truncateAll } from '#tests/helpers/db'
import { createTenantWithUser } from '#tests/helpers/tenancy'

test.group('CRM | live updates', (group) => {
  group.each.setup(() => truncateAll())

  test('CRM events are announced on the tenant CRM channel with ids only', async ({
    assert,
    cleanup,
  }) => {
    const sent: Array<{ channel: string; payload: any }> = []
    // What this process delivers to its EventSources (other processes get the same batch).
    const original = transmit.broadcastExcept.bind(transmit)
    transmit.broadcastExcept = ((channel: string, payload: any) => {
      sent.push({ channel, payload })
    }) as typeof transmit.broadcastExcept
    cleanup(() => {
      transmit.broadcastExcept = original
    })

    const { tenant } = await createTenantWithUser()
    const deal = await dealService.create(tenant.id, { name: 'Live', amount: 100 })
    await dealService.win(tenant.id, deal.id)
    await waitForDispatches()

    const crm = sent.filter((message) => message.channel === `tenants/${tenant.id}/crm`)
    // Events are dispatched concurrently after their commits: the order of arrival may vary.
    assert.sameDeepMembers(
      crm.map((message) => message.payload),
      [
        { type: 'deal.created', aggregateType: 'deal', aggregateId: String(deal.id) },
        { type: 'deal.stage_changed', aggregateType: 'deal', aggregateId: String(deal.id) },
        { type: 'deal.won', aggregateType: 'deal', aggregateId: String(deal.id) },
      ]
    )
  })
})
