import type { ApiResponse } from '@japa/api-client'

export interface InertiaPage {
  component: string
  url: string
  version: string
  props: Record<string, any>
}

/**
 * The Inertia page object of a full HTML response (the JSON in `<script data-page="app">`), so
 * tests can assert which page rendered with which props without a browser.
 */
export function inertiaPage(response: ApiResponse): InertiaPage {
  const match = response
    .text()
    .match(/<script data-page="app" type="application\/json">([\s\S]*?)<\/script>/)
  if (!match) throw new Error(`not an Inertia page (status ${response.status()})`)
  return JSON.parse(match[1]) as InertiaPage
}
