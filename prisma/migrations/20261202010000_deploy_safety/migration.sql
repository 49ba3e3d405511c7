-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "production" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN "overrideReason" TEXT;

-- AlterTable
ALTER TABLE "DeploymentPlan" ADD COLUMN "overrideReason" TEXT;
