export * from "./primitives";
export * from "./versions";
export * from "./catalog";
export * from "./design";
export * from "./graph";
export * from "./secrets";
export * from "./migrate";
export * from "./hashmod";
