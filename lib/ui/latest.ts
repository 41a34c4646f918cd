// Which answer may still be shown: list tabs ask again on every filter change, and the worker may answer
// an earlier (bigger) query after a later one — a slow "All" must not overwrite the "contoso" the admin
// typed since. Each ask takes a token; only the newest token's answer is applied.

export function createLatest(): () => () => boolean {
  let newest = 0;
  return () => {
    const mine = ++newest;
    return () => mine === newest;
  };
}
