import { test } from '@japa/runner'
import { roleAtLeast } from '#core/roles'

test.group('Roles', () => {
  test('a role includes the powers of the roles below it', ({ assert }) => {
    assert.isTrue(roleAtLeast('admin', 'builder'))
    assert.isTrue(roleAtLeast('approver', 'viewer'))
    assert.isFalse(roleAtLeast('viewer', 'approver'))
    assert.isFalse(roleAtLeast(null, 'viewer'))
  })
})
