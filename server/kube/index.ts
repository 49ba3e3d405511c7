// The deploy engine: validated kubeconfig → connection → plan / deploy (apply, prune, rollout).
export {
  KubeconfigError,
  listContexts,
  validateKubeconfig,
  type KubeconfigOptions,
  type KubeconfigSummary,
  type ValidatedKubeconfig,
} from "./kubeconfig";
export {
  DEPLOY_VERBS,
  canI,
  checkConnection,
  connect,
  describePermission,
  type ConnectOptions,
  type ConnectionCheck,
  type InCluster,
  type KubeConnection,
  type KubeRequest,
  type Permission,
} from "./connection";
export {
  KubeApiError,
  KubeTransportError,
  errorMessage,
  isCredentialRefusal,
  isRetryable,
  reachMessage,
} from "./errors";
export { OWNED_KINDS, kindInfo, objectRef, type KindInfo, type KubeObject } from "./kinds";
export { applySteps, orderOf, pruneSteps } from "./order";
export { diffObjects, normalizeForDiff, type FieldChange } from "./diff";
export {
  bundleErrors,
  findPrunable,
  idOf,
  plan,
  plannedOf,
  withOwnerLabel,
  type KeptObject,
  type MissingPermission,
  type ObjectId,
  type OwnerLabel,
  type Plan,
  type PlanError,
  type PlanItem,
  type PlanOptions,
  type PruneItem,
} from "./plan";
export { checkDrift, driftOf, liveVersion, type DriftOptions, type LiveVersion, type PlannedDeploy } from "./drift";
export { applyAll, type ApplyOptions, type ApplyResult } from "./apply";
export { pruneAll, type PruneOptions, type PruneResult } from "./prune";
export { assessHealth, hasRollout, type Health, type HealthStatus } from "./health";
export { waitForRollout, type RolloutOptions, type RolloutResult } from "./rollout";
export { deployPlanned, runDeploy, type DeployObjectResult, type DeployOptions, type DeployOutcome } from "./deploy";
export { FIELD_MANAGER } from "./objects";
export type { DeployEvent, DeployPhase, OnDeployEvent } from "./events";
export type { RetryOptions } from "./retry";
