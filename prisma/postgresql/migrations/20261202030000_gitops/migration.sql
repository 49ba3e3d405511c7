-- CreateTable
CREATE TABLE "GitTarget" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "authKind" TEXT NOT NULL,
    "username" TEXT,
    "tokenEnc" TEXT,
    "branch" TEXT NOT NULL,
    "pathTemplate" TEXT NOT NULL DEFAULT 'clusters/{cluster}/{design}',
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "argoCdApplication" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GitTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GitExport" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "clusterNode" TEXT NOT NULL,
    "gitTargetId" TEXT,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "commit" TEXT,
    "branch" TEXT NOT NULL,
    "repoUrl" TEXT NOT NULL,
    "path" TEXT,
    "error" TEXT,
    "startedById" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "GitExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GitTarget_name_key" ON "GitTarget"("name");

-- CreateIndex
CREATE INDEX "GitExport_designId_startedAt_idx" ON "GitExport"("designId", "startedAt");

-- CreateIndex
CREATE INDEX "GitExport_designId_clusterNode_status_idx" ON "GitExport"("designId", "clusterNode", "status");

-- AddForeignKey
ALTER TABLE "GitTarget" ADD CONSTRAINT "GitTarget_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitExport" ADD CONSTRAINT "GitExport_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitExport" ADD CONSTRAINT "GitExport_gitTargetId_fkey" FOREIGN KEY ("gitTargetId") REFERENCES "GitTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitExport" ADD CONSTRAINT "GitExport_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

