-- The case flow as municipalities run it: staff who draft applications for the principal to sign.

-- AlterEnum
ALTER TYPE "role" ADD VALUE 'drafter';

-- A handler's proposal waiting for the head's decision; an application the principal withdrew.
ALTER TYPE "case_status" ADD VALUE 'proposed';
ALTER TYPE "case_status" ADD VALUE 'withdrawn';

-- A handler's proposal for decision (förslag till beslut), for the head to decide on. Kept, not
-- replaced: a revised proposal is a new row, and the head's form opens with the latest.
-- CreateTable
CREATE TABLE "proposals" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "outcome" "decision_outcome" NOT NULL,
    "amount_per_month" DECIMAL(12,2),
    "from" DATE,
    "to" DATE,
    "reason" TEXT,
    "approved_measure_ids" JSONB NOT NULL DEFAULT '[]',
    "proposed_by_id" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "proposals_case_id_proposed_at_idx" ON "proposals"("case_id", "proposed_at");

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The date by which the principal should answer a request for completion.
-- AlterTable
ALTER TABLE "completion_requests" ADD COLUMN "reply_by" DATE;

-- A decision ended early because the child left the unit: from which day, why, and by whom.
-- AlterTable
ALTER TABLE "decisions" ADD COLUMN "ended_from" DATE,
ADD COLUMN "ended_reason" TEXT,
ADD COLUMN "ended_by_id" UUID;
