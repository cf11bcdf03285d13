-- AlterTable
ALTER TABLE "Job" ADD COLUMN "commit" TEXT;
ALTER TABLE "Job" ADD COLUMN "commitSubject" TEXT;
ALTER TABLE "Job" ADD COLUMN "dirty" BOOLEAN;

