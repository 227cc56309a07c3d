import { test } from '@japa/runner'
import type { HttpContext } from '@adonisjs/core/http'
import { asClientAbort } from '#exceptions/client_abort'
import { describeError, type HttpErrorLike } from '#exceptions/describe_error'

/** raw-body's error for a stream that can no longer be read. */
const notReadable = Object.assign(new Error('stream is not readable'), {
  type: 'stream.not.readable',
  status: 500,
})

function contextWithConnection(closed: boolean) {
  return { request: { request: { socket: { destroyed: closed } } } } as unknown as HttpContext
}

test.group('asClientAbort', () => {
  test('an unreadable body on a closed connection is the client leaving: 400', ({ assert }) => {
    const error = asClientAbort(notReadable, contextWithConnection(true)) as HttpErrorLike
    assert.include(describeError(error), { status: 400, code: 'E_REQUEST_ABORTED' })
  })

  test('an unreadable body on an open connection stays a 500 (a body read twice)', ({ assert }) => {
    assert.strictEqual(asClientAbort(notReadable, contextWithConnection(false)), notReadable)
  })

  test('other errors on a closed connection are left as they are', ({ assert }) => {
    const other = new Error('boom')
    assert.strictEqual(asClientAbort(other, contextWithConnection(true)), other)
  })
})
