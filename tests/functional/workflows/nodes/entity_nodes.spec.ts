import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Lead from '#crm/models/lead'
import { createEntityService } from '#workflows/nodes/services/entity_service'
import { createTenantWithUser } from '#tests/helpers/tenancy'
import { truncateAll } from '#tests/helpers/db'
import { failed, ok, runType } from '../../../unit/workflows/nodes/node_context.js'

test.group('create_entity / update_entity nodes through the entity registry', (group) => {
  group.each.setup(() => truncateAll())

  test('creates a record once per idempotency key, with the domain event', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const entities = createEntityService(tenant.id)
    const config = {
      entity: 'lead',
      data: { name: '{{trigger.name}}', email: '{{trigger.email}}', source: 'website' },
    }
    const expression = { trigger: { name: 'Ada Lovelace', email: 'ada@example.test' } }
    const first = ok(await runType('create_entity', config, { expression, services: { entities } }))
    const again = ok(await runType('create_entity', config, { expression, services: { entities } }))
    assert.equal(first.result.output.name, 'Ada Lovelace')
    assert.equal(again.result.output.id, first.result.output.id, 're-run returns the first record')
    const leads = await Lead.query().where('tenant_id', tenant.id)
    assert.lengthOf(leads, 1)
    const events = await db
      .from('domain_events')
      .where('tenant_id', tenant.id)
      .where('type', 'lead.created')
    assert.lengthOf(events, 1)
  })

  test('updates a record and reports validation, business and not-found errors by category', async ({
    assert,
  }) => {
    const { tenant } = await createTenantWithUser()
    const other = await createTenantWithUser()
    const entities = createEntityService(tenant.id)
    const created = ok(
      await runType(
        'create_entity',
        { entity: 'lead', data: { name: 'Grace' } },
        { services: { entities } }
      )
    )
    const id = created.result.output.id

    const updated = ok(
      await runType(
        'update_entity',
        { entity: 'lead', id: '{{trigger.entityId}}', data: { status: 'qualified' } },
        { expression: { trigger: { entityId: String(id) } }, services: { entities } }
      )
    )
    assert.equal(updated.result.output.status, 'qualified')
    const row = await Lead.findOrFail(id)
    assert.equal(row.status, 'qualified')

    const rule = failed(
      await runType(
        'update_entity',
        { entity: 'lead', id, data: { status: 'converted' } },
        { services: { entities } }
      )
    )
    assert.equal(rule.category, 'business')
    assert.match(rule.message, /Convert/)

    const invalid = failed(
      await runType(
        'create_entity',
        { entity: 'lead', data: { email: 'not-an-email' } },
        { services: { entities } }
      )
    )
    assert.equal(invalid.category, 'validation')

    const foreign = failed(
      await runType(
        'update_entity',
        { entity: 'lead', id, data: { status: 'lost' } },
        { services: { entities: createEntityService(other.tenant.id) } }
      )
    )
    assert.equal(foreign.category, 'not_found', 'another tenant cannot touch the record')

    const unknown = failed(
      await runType(
        'create_entity',
        { entity: 'spaceship', data: { name: 'x' } },
        { services: { entities } }
      )
    )
    assert.equal(unknown.category, 'validation')
    assert.equal(unknown.code, 'unknown_entity')
  })

  test('inside the step transaction the effect rolls back with it', async ({ assert }) => {
    const { tenant } = await createTenantWithUser()
    const trx = await db.transaction()
    const run = ok(
      await runType(
        'create_entity',
        { entity: 'lead', data: { name: 'Rolled back' } },
        { services: { entities: createEntityService(tenant.id, { trx }) } }
      )
    )
    assert.isNumber(run.result.output.id)
    await trx.rollback()
    assert.lengthOf(await Lead.query().where('tenant_id', tenant.id), 0)
  })
})
