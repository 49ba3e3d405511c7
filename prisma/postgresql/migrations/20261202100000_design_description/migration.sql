-- AlterTable
ALTER TABLE "Design" ADD COLUMN     "description" TEXT;

-- Backfill from each design's latest revision (the list reads only this column from now on). Row by row so
-- a document that is not JSON leaves that one design NULL (filled on the first list read) instead of
-- failing the migration.
DO $$
DECLARE
    r RECORD;
    doc JSONB;
BEGIN
    FOR r IN
        SELECT d."id", v."document"
        FROM "Design" d
        JOIN "Revision" v ON v."designId" = d."id" AND v."number" = d."latestRevision"
    LOOP
        BEGIN
            doc := r."document"::jsonb;
            UPDATE "Design"
            SET "description" = CASE WHEN jsonb_typeof(doc -> 'description') = 'string' THEN doc ->> 'description' ELSE '' END
            WHERE "id" = r."id";
        EXCEPTION WHEN invalid_text_representation THEN
            NULL;
        END;
    END LOOP;
END $$;
