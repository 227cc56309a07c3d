import { test } from '@japa/runner'
import type Tenant from '#core/models/tenant'
import { workflowService } from '#workflows/services/workflow_service'
import { inertiaPage } from '#tests/helpers/inertia'
import { addMember, createTenantWithUser } from '#tests/helpers/tenancy'
import { chain, node, resetWorkflowState } from '#tests/helpers/workflows'

/** A draft workflow whose graph starts with `trigger`, carrying `tags`. */
async function workflow(
  tenant: Tenant,
  name: string,
  trigger: string,
  tags: string[] = [],
  description: string | null = null
) {
  return workflowService.create(tenant.id, null, {
    name,
    description,
    tags,
    graph: chain(node('start', trigger), node('act', 'set_variables', { variables: {} })),
  })
}

const names = (rows: Array<{ name: string }>) => rows.map((row) => row.name).sort()

test.group('Workflow list | tags, trigger and tag filters, top-bar search', (group) => {
  group.each.setup(() => resetWorkflowState())

  test('the list filters by trigger type, by tags (any of them) and both, with search and status', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('viewer')
    await workflow(tenant, 'Dunning', 'schedule', ['finance', 'reminders'])
    await workflow(tenant, 'Lead intake', 'webhook', ['crm'])
    await workflow(tenant, 'Payment alerts', 'webhook', ['finance'], 'Posts from the bank')
    await workflow(tenant, 'Untagged', 'manual')
    const paused = await workflow(tenant, 'Old finance hook', 'webhook', ['finance'])
    await workflowService.pause(paused)
    const other = await createTenantWithUser('owner')
    await workflow(other.tenant, 'Foreign finance hook', 'webhook', ['finance', 'secret-tag'])

    const list = async (query: string) => {
      const response = await client.get(`/workflows${query}`).loginAs(user)
      response.assertStatus(200)
      return inertiaPage(response).props
    }

    const all = await list('')
    assert.deepEqual(all.tagOptions, ['crm', 'finance', 'reminders'])
    assert.includeDeepMembers(all.triggerOptions, [
      { value: 'webhook', label: 'Webhook' },
      { value: 'schedule', label: 'Schedule' },
    ])
    assert.deepEqual(all.workflows.find((row: { name: string }) => row.name === 'Dunning').tags, [
      'finance',
      'reminders',
    ])

    const byTrigger = await list('?trigger=webhook')
    assert.deepEqual(names(byTrigger.workflows), [
      'Lead intake',
      'Old finance hook',
      'Payment alerts',
    ])
    assert.equal(byTrigger.filters.trigger, 'webhook')

    const byTag = await list('?tags=finance')
    assert.deepEqual(names(byTag.workflows), ['Dunning', 'Old finance hook', 'Payment alerts'])
    const anyTag = await list('?tags=crm,reminders')
    assert.deepEqual(names(anyTag.workflows), ['Dunning', 'Lead intake'])
    assert.deepEqual(anyTag.filters.tags, ['crm', 'reminders'])

    const both = await list('?trigger=webhook&tags=finance')
    assert.deepEqual(names(both.workflows), ['Old finance hook', 'Payment alerts'])
    const withStatus = await list('?trigger=webhook&tags=finance&status=active')
    assert.deepEqual(names(withStatus.workflows), [])
    const withStatusDraft = await list('?trigger=webhook&tags=finance&status=draft')
    assert.deepEqual(names(withStatusDraft.workflows), ['Payment alerts'])
    const withSearch = await list('?trigger=webhook&tags=finance&q=bank')
    assert.deepEqual(names(withSearch.workflows), ['Payment alerts'])

    // The free-text search also finds tags.
    const tagText = await list('?q=remind')
    assert.deepEqual(names(tagText.workflows), ['Dunning'])

    // Unknown trigger types are ignored rather than matching nothing; another tenant's tag matches nothing.
    const unknown = await list('?trigger=not_a_trigger')
    assert.equal(unknown.filters.trigger, '')
    assert.lengthOf(unknown.workflows, 5)
    const foreignTag = await list('?tags=secret-tag')
    assert.deepEqual(foreignTag.workflows, [])
  })

  test('tags are trimmed, lower-cased and de-duplicated on create and update; invalid tags are a 422', async ({
    client,
    assert,
  }) => {
    const { user } = await createTenantWithUser('builder')
    const created = await client
      .post('/api/v1/workflows')
      .json({ name: 'Tagged', tags: ['  Finance ', 'finance', 'CRM'] })
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    assert.deepEqual(created.body().data.tags, ['finance', 'crm'])
    const id = created.body().data.id

    const updated = await client
      .patch(`/api/v1/workflows/${id}`)
      .json({ tags: ['Onboarding', 'ONBOARDING', 'hr'] })
      .withCsrfToken()
      .loginAs(user)
    updated.assertStatus(200)
    assert.deepEqual(updated.body().data.tags, ['onboarding', 'hr'])
    const shown = await client.get(`/api/v1/workflows/${id}`).loginAs(user)
    assert.deepEqual(shown.body().data.tags, ['onboarding', 'hr'])

    // Updating something else keeps the tags.
    await client
      .patch(`/api/v1/workflows/${id}`)
      .json({ priority: 'high' })
      .withCsrfToken()
      .loginAs(user)
    const kept = await client.get(`/api/v1/workflows/${id}`).loginAs(user)
    assert.deepEqual(kept.body().data.tags, ['onboarding', 'hr'])

    const invalid: Array<[unknown, string]> = [
      [Array.from({ length: 21 }, (_, i) => `tag-${i}`), 'tags'],
      [['x'.repeat(41)], 'tags.0'],
      [['ok', '   '], 'tags.1'],
      [['a,b'], 'tags.0'],
      ['finance', 'tags'],
      [[42], 'tags.0'],
    ]
    for (const [tags, field] of invalid) {
      const response = await client
        .patch(`/api/v1/workflows/${id}`)
        .json({ tags })
        .withCsrfToken()
        .loginAs(user)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(tags))
    }
    const refusedCreate = await client
      .post('/api/v1/workflows')
      .json({ name: 'Too long tag', tags: ['y'.repeat(41)] })
      .withCsrfToken()
      .loginAs(user)
    refusedCreate.assertStatus(422)
    const unchanged = await client.get(`/api/v1/workflows/${id}`).loginAs(user)
    assert.deepEqual(unchanged.body().data.tags, ['onboarding', 'hr'])
  })

  test('top-bar search matches name, description, tag and trigger within the tenant only', async ({
    client,
    assert,
  }) => {
    const { tenant, user } = await createTenantWithUser('builder')
    await workflow(tenant, 'Invoice reminders', 'schedule', ['dunning'])
    await workflow(tenant, 'Send invoice copies', 'manual')
    await workflow(tenant, 'Lead intake', 'webhook', [], 'Creates leads from invoice requests')
    await workflow(tenant, 'Approvals', 'manual', ['invoices'])
    await workflow(tenant, 'Nightly sync', 'schedule')
    const other = await createTenantWithUser('owner')
    await workflow(other.tenant, 'Invoice reminders (other tenant)', 'schedule', ['invoice'])
    await workflow(other.tenant, 'Foreign', 'webhook', ['dunning'])

    const search = async (q: string, limit?: number) => {
      const response = await client
        .get('/api/v1/workflows/search')
        .qs(limit ? { q, limit } : { q })
        .loginAs(user)
      response.assertStatus(200)
      return response.body() as {
        data: Array<{
          id: number
          name: string
          status: string
          trigger: { type: string; label: string } | null
          tags: string[]
        }>
        meta: { total: number }
      }
    }

    const invoice = await search('invoice')
    // Names starting with the text first, then names containing it, then other matches (a tag,
    // the description).
    assert.deepEqual(
      invoice.data.slice(0, 2).map((row) => row.name),
      ['Invoice reminders', 'Send invoice copies']
    )
    assert.sameMembers(
      invoice.data.slice(2).map((row) => row.name),
      ['Approvals', 'Lead intake']
    )
    assert.equal(invoice.meta.total, 4)
    assert.deepEqual(invoice.data[0].trigger, { type: 'schedule', label: 'Schedule' })
    assert.deepEqual(invoice.data[0].tags, ['dunning'])
    assert.equal(invoice.data[0].status, 'draft')

    const byTag = await search('dunning')
    assert.deepEqual(
      byTag.data.map((row) => row.name),
      ['Invoice reminders']
    )
    const byTrigger = await search('Schedule')
    assert.sameMembers(
      byTrigger.data.map((row) => row.name),
      ['Invoice reminders', 'Nightly sync']
    )
    // Another tenant's workflows never appear, even when their name or tag matches.
    const foreign = await search('foreign')
    assert.deepEqual(foreign.data, [])
    const otherTenants = await search('other tenant')
    assert.deepEqual(otherTenants.data, [])
    const limited = await search('i', 2)
    assert.lengthOf(limited.data, 2)
    assert.isAbove(limited.meta.total, 2)

    // Wildcards are literal text.
    const wildcard = await search('%')
    assert.deepEqual(wildcard.data, [])

    const tags = await client.get('/api/v1/workflows/tags').loginAs(user)
    tags.assertStatus(200)
    assert.deepEqual(tags.body().data, ['dunning', 'invoices'])
  })

  test('search and tags are open to viewers; editing tags needs a builder; guests get 401', async ({
    client,
    assert,
  }) => {
    const { tenant } = await createTenantWithUser('owner')
    const viewer = await addMember(tenant, 'viewer')
    const tagged = await workflow(tenant, 'Viewer can find me', 'manual', ['ops'])

    const found = await client.get('/api/v1/workflows/search?q=find').loginAs(viewer)
    found.assertStatus(200)
    assert.deepEqual(
      found.body().data.map((row: { id: number }) => row.id),
      [tagged.id]
    )
    const tags = await client.get('/api/v1/workflows/tags').loginAs(viewer)
    tags.assertStatus(200)
    assert.deepEqual(tags.body().data, ['ops'])

    const edit = await client
      .patch(`/api/v1/workflows/${tagged.id}`)
      .json({ tags: ['hacked'] })
      .withCsrfToken()
      .loginAs(viewer)
    edit.assertStatus(403)
    await tagged.refresh()
    assert.deepEqual(tagged.tags, ['ops'])

    const guest = await client
      .get('/api/v1/workflows/search?q=find')
      .header('Accept', 'application/json')
    guest.assertStatus(401)
  })
})
