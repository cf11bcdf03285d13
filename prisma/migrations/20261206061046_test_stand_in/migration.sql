-- AlterTable
ALTER TABLE "Machine" ADD COLUMN "testFor" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "lockHash" TEXT;
ALTER TABLE "Job" ADD COLUMN "promotedFrom" INTEGER;

