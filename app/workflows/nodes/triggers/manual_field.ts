/**
 * The shape of one field of the manual trigger's input form, which approval forms reuse.
 * Free of imports (a type and one constant list): the approval inbox's shared API types
 * (approvals/types.ts) and the library's (library/types.ts) include it, and the front end
 * imports those.
 */

/** Any JSON value: field defaults come from the workflow's stored (JSON) config. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** The one list of field types: the manual trigger's config schema is built from it. */
export const MANUAL_FIELD_TYPES = ['string', 'text', 'number', 'boolean', 'date', 'email'] as const

export type ManualFieldType = (typeof MANUAL_FIELD_TYPES)[number]

/** A type alias, not an interface: Inertia's page-prop check only accepts type aliases. */
export type ManualField = {
  key: string
  label: string
  type: ManualFieldType
  required?: boolean
  default?: JsonValue
  help?: string
}
