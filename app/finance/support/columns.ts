/**
 * Column options shared by the host modules' models (invoicing, payments, projects, finance,
 * inventory, documents).
 *
 * node-postgres returns `bigint` and `numeric` as strings (they can exceed a JS number); our
 * ids, money in minor units and quantities stay far below 2^53, so models read them as numbers.
 */
export const asNumber = {
  consume: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
}
