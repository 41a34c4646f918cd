// Picklists from `GET {Entity}/entityInformation/fields` (docs/reference/autotask-api.md §5). Labels are
// tenant-specific and localised, so nothing but status 5 = Complete is assumed; `value` is a string in
// the picklist while the entity field is an integer.

export const COMPLETE_STATUS = 5;

export interface PicklistOption {
  id: number;
  label: string;
  active: boolean;
  isDefault: boolean;
  sortOrder: number;
  /** For dependent lists (subIssueType → issueType). */
  parentId?: number;
}

export type Picklists = Record<string, PicklistOption[]>;

/** Field name → options, for the fields that are picklists. Unknown shapes give an empty map. */
export function parsePicklists(body: unknown): Picklists {
  const fields = (body as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Picklists = {};
  for (const f of fields) {
    const o = f as { name?: unknown; isPickList?: unknown; picklistValues?: unknown };
    if (typeof o.name !== 'string' || !Array.isArray(o.picklistValues)) continue;
    out[o.name] = o.picklistValues
      .map((p: Record<string, unknown>): PicklistOption | undefined => {
        const id = Number(p.value);
        if (!Number.isInteger(id)) return undefined;
        const parent = p.parentValue === '' || p.parentValue == null ? undefined : Number(p.parentValue);
        return {
          id,
          label: typeof p.label === 'string' ? p.label : String(p.value),
          active: p.isActive !== false,
          isDefault: p.isDefaultValue === true,
          sortOrder: Number(p.sortOrder ?? 0),
          ...(parent !== undefined && Number.isInteger(parent) ? { parentId: parent } : {}),
        };
      })
      .filter((p): p is PicklistOption => p !== undefined)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
  return out;
}

export function labelOf(list: PicklistOption[] | undefined, id: unknown): string | undefined {
  if (id === null || id === undefined) return undefined;
  return list?.find((p) => p.id === Number(id))?.label;
}
