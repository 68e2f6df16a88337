import type { ConcessionItemSummary } from '../../../../shared/contract';

/** The menu grouped by category in the order categories first appear; an item without one is under "" (the screen names it "Other"). */
export function menuGroups(items: readonly ConcessionItemSummary[]): [string, ConcessionItemSummary[]][] {
  const groups = new Map<string, ConcessionItemSummary[]>();
  for (const item of items) {
    const category = item.category || '';
    groups.set(category, [...(groups.get(category) ?? []), item]);
  }
  return [...groups.entries()];
}

/** The items as the counter shows them, group after group: Shift+1 is the first, Shift+9 the ninth. */
export function menuOrder(items: readonly ConcessionItemSummary[]): ConcessionItemSummary[] {
  return menuGroups(items).flatMap(([, list]) => list);
}
