import { test } from '@japa/runner'
import { describeError } from '#exceptions/describe_error'

test.group('describeError', () => {
  test('validation errors keep every field path', ({ assert }) => {
    const described = describeError({
      code: 'E_VALIDATION_ERROR',
      status: 422,
      messages: [
        { field: 'config.nodes.0.name', message: 'Name is required', rule: 'required' },
        { field: 'email', message: 'Invalid email', rule: 'email' },
      ],
    })
    assert.equal(described.status, 422)
    assert.deepEqual(
      described.errors.map((error) => error.field),
      ['config.nodes.0.name', 'email']
    )
  })

  test('a bare JSON SyntaxError from the body parser becomes E_MALFORMED_JSON', ({ assert }) => {
    const error = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 })
    assert.deepInclude(describeError(error), { status: 400, code: 'E_MALFORMED_JSON' })
  })

  test('server errors never expose their message', ({ assert }) => {
    const described = describeError(new Error('password=hunter2 in connection string'))
    assert.equal(described.status, 500)
    assert.notInclude(described.message, 'hunter2')
  })

  test('unknown client errors keep their own status and message', ({ assert }) => {
    const described = describeError({ status: 409, code: 'E_CONFLICT', message: 'Version changed' })
    assert.deepInclude(described, { status: 409, code: 'E_CONFLICT', message: 'Version changed' })
  })
})
