-- AlterTable
ALTER TABLE "Revision" ADD COLUMN "lintErrors" INTEGER;
ALTER TABLE "Revision" ADD COLUMN "lintWarnings" INTEGER;

