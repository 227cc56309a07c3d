/**
 * Config for a node just added in the builder: a deep copy of the type's defaults, with fields
 * marked `ui.generate` (secrets such as the webhook URL token) filled with a fresh random token,
 * so every new node starts valid and no two workflows share a secret.
 */
import type { PublicNodeType } from '../nodes/types.js'

/** URL-safe random token (Web Crypto: Node 24 and browsers). */
export function generateToken(bytes = 24): string {
  const buffer = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(buffer)
  let binary = ''
  for (const byte of buffer) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function initialConfig(
  type: Pick<PublicNodeType, 'defaults' | 'configSchema'>
): Record<string, unknown> {
  const config = structuredClone((type.defaults ?? {}) as Record<string, unknown>)
  const properties = (type.configSchema as { properties?: Record<string, any> }).properties ?? {}
  for (const [key, property] of Object.entries(properties)) {
    if (property?.ui?.generate && !config[key]) config[key] = generateToken()
  }
  return config
}
