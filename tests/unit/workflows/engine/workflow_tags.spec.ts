import { test } from '@japa/runner'
import {
  MAX_TAGS,
  normalizeTag,
  normalizeTags,
  tagsFromQuery,
} from '#workflows/engine/workflow_tags'

test.group('Workflow tags', () => {
  test('a tag is trimmed and lower-cased; empty, too long, comma or control characters are not tags', ({
    assert,
  }) => {
    assert.equal(normalizeTag('  Finance '), 'finance')
    assert.equal(normalizeTag('Über-Team 2'), 'über-team 2')
    assert.equal(normalizeTag('x'.repeat(40)), 'x'.repeat(40))
    for (const bad of ['', '   ', 'x'.repeat(41), 'a,b', 'tab\there', 42, null]) {
      assert.isNull(normalizeTag(bad), String(bad))
    }
  })

  test('lists are de-duplicated in first-seen order, without invalid entries, at most 20', ({
    assert,
  }) => {
    assert.deepEqual(normalizeTags(['CRM', 'crm ', '', 'ops', 'Ops']), ['crm', 'ops'])
    const many = normalizeTags(Array.from({ length: 30 }, (_, i) => `t${i}`))
    assert.lengthOf(many, MAX_TAGS)
    assert.equal(many[0], 't0')
  })

  test('query-string values are comma-separated, once or repeated', ({ assert }) => {
    assert.deepEqual(tagsFromQuery('finance,CRM,,finance'), ['finance', 'crm'])
    assert.deepEqual(tagsFromQuery(['a,b', 'c']), ['a', 'b', 'c'])
    assert.deepEqual(tagsFromQuery(undefined), [])
  })
})
