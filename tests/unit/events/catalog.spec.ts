import { test } from '@japa/runner'
import {
  DOMAIN_EVENTS,
  DOMAIN_EVENT_TYPES,
  domainEventInfo,
  isDomainEventType,
} from '#core/events/catalog'
import { diffSnapshots } from '#core/events/snapshot'

/** The events issue 3 names explicitly; the catalog must offer every one of them. */
const REQUIRED = [
  'lead.created',
  'lead.updated',
  'lead.converted',
  'deal.created',
  'deal.stage_changed',
  'deal.won',
  'deal.lost',
  'activity.logged',
  'contact.created',
  'contact.updated',
  'quote.sent',
  'quote.accepted',
  'quote.declined',
  'invoice.created',
  'invoice.sent',
  'invoice.overdue',
  'invoice.paid',
  'payment.received',
  'project.milestone_reached',
  'expense.submitted',
  'budget.updated',
  'inventory.stock_changed',
  'contract.expiring',
  'document.uploaded',
  'document.expiring',
  'account.created',
]

test.group('Domain event catalog', () => {
  test('lists every event of issue 3 with a label, module and entity', ({ assert }) => {
    assert.includeMembers(DOMAIN_EVENT_TYPES as string[], REQUIRED)
    for (const info of DOMAIN_EVENTS) {
      assert.match(info.type, /^[a-z_]+\.[a-z_]+$/)
      assert.isAbove(info.label.length, 3, info.type)
      assert.isAbove(info.module.length, 1, info.type)
      assert.match(info.entity, /^[a-z_]+$/, info.type)
    }
    assert.equal(new Set(DOMAIN_EVENT_TYPES).size, DOMAIN_EVENT_TYPES.length)
  })

  test('recognises event types at run time', ({ assert }) => {
    assert.isTrue(isDomainEventType('deal.stage_changed'))
    assert.isFalse(isDomainEventType('deal.exploded'))
    assert.isFalse(isDomainEventType('toString'))
    assert.isFalse(isDomainEventType(42))
    assert.equal(domainEventInfo('deal.won').module, 'crm')
  })

  test('diffSnapshots lists only changed fields with old and new values', ({ assert }) => {
    const changes = diffSnapshots(
      { id: 1, name: 'A', score: 10, tags: ['x'], updatedAt: '1' },
      { id: 1, name: 'B', score: 10, tags: ['x', 'y'], updatedAt: '2', ownerId: 3 }
    )
    assert.deepEqual(changes, {
      name: { from: 'A', to: 'B' },
      tags: { from: ['x'], to: ['x', 'y'] },
      ownerId: { from: null, to: 3 },
    })
  })
})
