// Progress events a deploy emits, one per object and phase; the app streams them to the browser.

export type DeployPhase = "applying" | "applied" | "failed" | "pruned" | "waiting" | "ready" | "timeout";

export interface DeployEvent {
  /** "apps/v1/StatefulSet ns/name" */
  object: string;
  phase: DeployPhase;
  message?: string;
}

export type OnDeployEvent = (e: DeployEvent) => void;
