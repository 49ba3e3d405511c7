-- AlterTable
ALTER TABLE "Design" ADD COLUMN "description" TEXT;

-- Backfill from each design's latest revision (the list reads only this column from now on). A document
-- that is not JSON, or a design with no revision, stays NULL and is filled on the first list read.
UPDATE "Design" SET "description" = (
    SELECT CASE
        WHEN NOT json_valid(r."document") THEN NULL
        WHEN json_type(r."document", '$.description') = 'text' THEN json_extract(r."document", '$.description')
        ELSE ''
    END
    FROM "Revision" r
    WHERE r."designId" = "Design"."id" AND r."number" = "Design"."latestRevision"
);
