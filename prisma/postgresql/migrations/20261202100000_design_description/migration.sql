-- AlterTable
ALTER TABLE "Design" ADD COLUMN     "description" TEXT;

-- No backfill here: Prisma runs this script split at every semicolon (so no DO block), and casting a document
-- that is not JSON would fail the whole migration. Rows stay NULL until the first designs list fills them
-- from their latest revision, once.
