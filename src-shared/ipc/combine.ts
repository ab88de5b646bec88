// One checked way to join features, used by the contract (argument schemas) and by core's app
// (handlers): `combine(a, b, c, …)` returns every feature's names in one object and throws at
// load time when two features declare the same name, so no name can silently win.

type Intersect<T extends readonly object[]> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? Head & Intersect<Rest>
  : unknown;

export function combine<T extends readonly object[]>(...features: T): Intersect<T> {
  const joined: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [name, value] of Object.entries(feature)) {
      if (Object.hasOwn(joined, name)) throw new Error(`"${name}" is declared by two features`);
      joined[name] = value;
    }
  }
  return joined as Intersect<T>;
}
