import { test } from '@japa/runner'
import Handlebars from 'handlebars'
import { checkTemplate, isPlainTemplate } from '#workflows/engine/expressions'

/** The handlebars parser's own verdict: what checkTemplate must always agree with. */
function parses(template: string) {
  try {
    Handlebars.parse(template)
    return true
  } catch {
    return false
  }
}

const PLAIN = [
  '{{trigger.entity.number}}',
  'Invoice {{trigger.entity.number}} over 100',
  '{{ vars.amount }} and {{steps.http_1.body}}',
  'https://prices.example.com/items/{{item.sku}}?q={{vars.q}}',
  '{"a": "{{vars.x}}", "b": {"c": 1}}',
  'braces { alone } and }} closers',
  '{{this}}',
  '{{a-b.$c}}',
  '{{true.x}}',
]

const NOT_PLAIN = [
  '{{{raw}}}',
  '{{{a}}',
  '{{a}}}',
  '{{else}}',
  '{{ else }}',
  '{{true}}',
  '{{null}}',
  '{{#if a}}x{{/if}}',
  '{{#if a}}x',
  '{{a',
  'a }} {{',
  '{{a.}}',
  '{{a.0}}',
  '{{a.[0]}}',
  '{{a[0]}}',
  '{{@index}}',
  '{{../a}}',
  '{{~a~}}',
  '{{!comment}}',
  '{{> partial}}',
  "{{formatDate x 'yyyy'}}",
  '\\{{escaped}}',
  '{{a b}}',
  '{{}}',
]

test.group('Engine | template check fast path', () => {
  test('plain path templates are recognised without the parser, and the parser agrees', ({
    assert,
  }) => {
    for (const template of PLAIN) {
      assert.isTrue(isPlainTemplate(template), template)
      assert.isTrue(parses(template), template)
      assert.isNull(checkTemplate(template), template)
    }
  })

  test('anything else goes to the parser, whose verdict checkTemplate returns', ({ assert }) => {
    for (const template of NOT_PLAIN) {
      assert.isFalse(isPlainTemplate(template), template)
      assert.equal(checkTemplate(template) === null, parses(template), template)
    }
  })

  test('a repeated template gets the same verdict (cached)', ({ assert }) => {
    const first = checkTemplate('broken {{#each a}}')
    assert.isString(first)
    assert.equal(checkTemplate('broken {{#each a}}'), first)
  })
})
