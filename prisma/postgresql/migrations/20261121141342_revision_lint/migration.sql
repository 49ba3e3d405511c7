-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "lintErrors" INTEGER,
ADD COLUMN     "lintWarnings" INTEGER;

