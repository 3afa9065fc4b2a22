/**
 * Unique column names (every reader applies this): the second "x" becomes "x_2", the third "x_3" (skipping names already taken), with a warning.
 */
export function renameDuplicates(names: readonly string[], source: string, warnings: string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 2;
    while (taken.has(`${name}_${k}`)) k++;
    const renamed = `${name}_${k}`;
    taken.add(renamed);
    seen.add(renamed);
    warnings.push(
      `${source}: column name "${name}" appears more than once; the repeat was renamed "${renamed}".`,
    );
    return renamed;
  });
}
