// Progress events a deploy emits, one per object and phase; the app streams them to the browser.
import type { HealthStatus } from "../../lib/health";

export type DeployPhase = "applying" | "applied" | "failed" | "pruned" | "waiting" | "ready" | "timeout";

export interface DeployEvent {
  /** "apps/v1/StatefulSet ns/name" */
  object: string;
  phase: DeployPhase;
  message?: string;
  /** A workload's health during rollout (the live tab's words). */
  health?: HealthStatus;
}

export type OnDeployEvent = (e: DeployEvent) => void;
