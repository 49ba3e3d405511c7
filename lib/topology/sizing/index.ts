export { sizeDesign, trySizeDesign, undersized } from "./report";
export type { BucketSizing, ComponentSizing, SizingFinding, SizingFindingId, SizingReport } from "./report";
export { estimatedSettings } from "./apply";
export { bytesAt, RESOLUTIONS, type Resolution } from "./bucket";
export { simulateRing, failureTolerance, writeQuorum, type RingSimulation } from "./hashring";
export { formatBytes, formatCount } from "./units";
export { sizingContract, type SizingContract } from "./contract";
