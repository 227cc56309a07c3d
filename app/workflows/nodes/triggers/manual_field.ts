/**
 * The shape of one field of the manual trigger's input form, which approval forms reuse.
 * Type-only and free of server imports: the approval inbox's shared API types
 * (approvals/types.ts) include it and the front end imports those.
 */

/** Any JSON value: field defaults come from the workflow's stored (JSON) config. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export type ManualFieldType = 'string' | 'text' | 'number' | 'boolean' | 'date' | 'email'

/** A type alias, not an interface: Inertia's page-prop check only accepts type aliases. */
export type ManualField = {
  key: string
  label: string
  type: ManualFieldType
  required?: boolean
  default?: JsonValue
  help?: string
}
