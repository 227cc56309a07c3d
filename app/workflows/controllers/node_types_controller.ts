import type { HttpContext } from '@adonisjs/core/http'
import { atLeast } from '#core/abilities'
import { nodeRegistry } from '#workflows/nodes/registry'

/** The public node registry: palette, property forms and validation rules of the builder. */
export default class NodeTypesController {
  async index({ bouncer, response }: HttpContext) {
    await bouncer.authorize(atLeast, 'viewer')
    response.header('Cache-Control', 'private, max-age=60')
    return { data: nodeRegistry.publicList() }
  }
}
