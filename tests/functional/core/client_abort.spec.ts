import { test } from '@japa/runner'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import server from '@adonisjs/core/services/server'
import { Logger } from '@adonisjs/core/logger'
import type { HttpContext } from '@adonisjs/core/http'
import HttpExceptionHandler from '#exceptions/handler'
import '#tests/helpers/probe_routes'

type Logged = { level: string; message: string }

/**
 * A browser that reloads or navigates away mid-request closes its connection. When that happens
 * before the body parser has read the body (the session and auth middleware run first), raw-body
 * finds a destroyed stream and throws a 500 "stream is not readable": the server then logged a
 * server error for what is a client leaving.
 */
test.group('Errors: a client that leaves before its body is read', () => {
  test('is answered as a 400 E_REQUEST_ABORTED and not logged as an error', async ({
    assert,
    cleanup,
  }) => {
    const logged = recordLogs()
    cleanup(logged.restore)
    const handled = nextHandledError()
    cleanup(handled.restore)

    // The connection closes as the request arrives, before any middleware has run.
    const nodeServer = server.getNodeServer()!
    nodeServer.prependOnceListener('request', (request: http.IncomingMessage) => request.destroy())
    await postJsonAndIgnoreTheAnswer(nodeServer, '/api/_probe/builder-only', { name: 'x' })

    const { error, status } = await handled.promise
    assert.equal((error as { type?: string }).type, 'stream.not.readable')
    assert.equal(status, 400)
    assert.deepEqual(
      logged.entries.filter((entry) => ['error', 'fatal'].includes(entry.level)),
      []
    )
  })
})

function recordLogs() {
  const entries: Logged[] = []
  const original = Logger.prototype.log
  Logger.prototype.log = function (this: Logger, level: string, ...rest: unknown[]) {
    const message = rest.find((value) => typeof value === 'string') as string | undefined
    entries.push({ level, message: message ?? '' })
    return (original as (...args: unknown[]) => void).call(this, level, ...rest)
  } as typeof original
  const restore = () => {
    Logger.prototype.log = original
  }
  return { entries, restore }
}

/** Resolves with the next error the exception handler answers, and the status it answered. */
function nextHandledError() {
  const original = HttpExceptionHandler.prototype.handle
  const restore = () => {
    HttpExceptionHandler.prototype.handle = original
  }
  const promise = new Promise<{ error: unknown; status: number }>((resolve) => {
    HttpExceptionHandler.prototype.handle = async function (error: unknown, ctx: HttpContext) {
      restore()
      const result = await original.call(this, error, ctx)
      resolve({ error, status: ctx.response.getStatus() })
      return result
    }
  })
  return { promise, restore }
}

/** The server closes the connection, so there is no answer to wait for: only the hang-up. */
function postJsonAndIgnoreTheAnswer(nodeServer: http.Server, path: string, body: object) {
  const { port } = nodeServer.address() as AddressInfo
  return new Promise<void>((resolve) => {
    const request = http.request(
      {
        port,
        host: '127.0.0.1',
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (response) => response.resume().on('end', () => resolve())
    )
    request.on('error', () => resolve())
    request.end(JSON.stringify(body))
  })
}
