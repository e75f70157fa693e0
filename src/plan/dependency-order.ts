/**
 * plan: orders tables so parents come before the tables that reference them.
 * (names, edges parent → child) → names in dependency order, stable by plan order; or the cycle.
 */

/** Topologically sorts `names`; `parentsOf(name)` lists the tables it references. */
export function dependencyOrder(
  names: readonly string[],
  parentsOf: (name: string) => readonly string[],
): { order: string[]; cycle?: string[] } {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  let cycle: string[] | undefined;
  const visit = (name: string, trail: string[]): void => {
    if (cycle !== undefined || state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      cycle = [...trail.slice(trail.indexOf(name)), name];
      return;
    }
    state.set(name, "visiting");
    for (const p of parentsOf(name)) if (p !== name && names.includes(p)) visit(p, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const n of names) visit(n, []);
  return cycle === undefined ? { order } : { order, cycle };
}
