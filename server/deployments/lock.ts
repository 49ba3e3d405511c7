// The DeploymentLock claim: one running deploy per (design, cluster), enforced by the database (see
// repository.ts). Kept as a function for the test workers that stand in for replicas.
import type { Db } from "@/server/db/client";
import { type Claim, deploymentRepository } from "./repository";

export { isUniqueViolation, type Claim } from "./repository";

export function claimDeployment(client: Db, c: Claim): Promise<{ id: string }> {
  return deploymentRepository(client).claim(c);
}
