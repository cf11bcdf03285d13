-- AlterTable
ALTER TABLE "Job" ADD COLUMN "builtOn" TEXT;

-- AlterTable (a plain ADD COLUMN, not Prisma's table redefinition: SQLite allows a NOT NULL column
-- with a constant default, and an ADD COLUMN keeps columns other migrations add to Machine)
ALTER TABLE "Machine" ADD COLUMN "neverBuilds" BOOLEAN NOT NULL DEFAULT false;
