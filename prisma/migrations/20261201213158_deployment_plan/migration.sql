-- CreateTable
CREATE TABLE "DeploymentPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "designId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "clusterNode" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "headRevision" INTEGER NOT NULL,
    "objectsEnc" TEXT NOT NULL,
    "view" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeploymentPlan_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeploymentPlan_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeploymentPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "designId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "plan" TEXT,
    "results" TEXT,
    "error" TEXT,
    "startedById" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "planId" TEXT,
    CONSTRAINT "Deployment_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deployment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "DeploymentPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Deployment" ("clusterId", "designId", "error", "finishedAt", "id", "plan", "results", "revision", "startedAt", "startedById", "status") SELECT "clusterId", "designId", "error", "finishedAt", "id", "plan", "results", "revision", "startedAt", "startedById", "status" FROM "Deployment";
DROP TABLE "Deployment";
ALTER TABLE "new_Deployment" RENAME TO "Deployment";
CREATE INDEX "Deployment_designId_startedAt_idx" ON "Deployment"("designId", "startedAt");
CREATE INDEX "Deployment_clusterId_startedAt_idx" ON "Deployment"("clusterId", "startedAt");
CREATE INDEX "Deployment_status_idx" ON "Deployment"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeploymentPlan_designId_createdAt_idx" ON "DeploymentPlan"("designId", "createdAt");

