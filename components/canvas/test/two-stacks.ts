// Two receiver stacks side by side, for the level-of-detail tests: ids prefixed a- and b-, one alert across.
import { parseDesign, type Design } from "@/lib/topology/design";
import { fullStackReceiver } from "@/lib/topology/templates/full-stack-receiver";

/** Two receiver stacks side by side, ids prefixed a- and b-. */
export function twoStacks(): Design {
  const src = parseDesign(fullStackReceiver);
  const copy = (p: string, dx: number) => ({
    components: src.components.map((c) => ({
      ...c,
      id: `${p}${c.id}`,
      name: `${p}${c.name}`,
      ...(c.cluster ? { cluster: `${p}${c.cluster}` } : { position: { x: c.position.x + dx, y: c.position.y } }),
    })),
    connections: src.connections.map((e) => ({ ...e, id: `${p}${e.id}`, from: `${p}${e.from}`, to: `${p}${e.to}` })),
  });
  const a = copy("a-", 0);
  const b = copy("b-", 2000);
  return parseDesign({
    name: "two",
    components: [...a.components, ...b.components],
    // One connection across the stacks: a's ruler alerts b's alertmanager.
    connections: [
      ...a.connections,
      ...b.connections,
      { id: "x", kind: "alerts", from: "a-ruler", to: "b-alertmanager" },
    ],
  });
}
