export {
  startKubeApi,
  type KubeApiServer,
  type KubeApiOptions,
  type SandboxUser,
  type RequestLogEntry,
} from "./server";
export type { FaultConfig, FaultScope } from "./faults";
export { RESOURCES, type ResourceType } from "./resources";
