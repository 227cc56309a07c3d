import type { StageKind } from '#crm/models/deal_stage'

/** The pipeline every tenant starts with (created the first time the CRM needs stages). */
export const DEFAULT_STAGES: Array<{ name: string; kind: StageKind; probability: number }> = [
  { name: 'Prospecting', kind: 'open', probability: 10 },
  { name: 'Qualification', kind: 'open', probability: 25 },
  { name: 'Proposal', kind: 'open', probability: 50 },
  { name: 'Negotiation', kind: 'open', probability: 75 },
  { name: 'Won', kind: 'won', probability: 100 },
  { name: 'Lost', kind: 'lost', probability: 0 },
]
