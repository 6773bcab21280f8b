-- When a decision's delivery to the principal failed: the reminder to Elevhälsan is dated from
-- the failure, not from the decision (a decision made on Monday whose delivery fails on
-- Thursday is reminded about on Thursday). Earlier failures take the time of their audit entry
-- (`case.delivery_failed`, written with the failure), else the decision's own time.

-- AlterTable
ALTER TABLE "decisions" ADD COLUMN "delivery_failed_at" TIMESTAMPTZ(3);

UPDATE "decisions" d
   SET "delivery_failed_at" = COALESCE(
         (SELECT max(a."at") FROM "audit_log" a
           WHERE a."subject_type" = 'case' AND a."subject_id" = d."case_id"::text
             AND a."action" = 'case.delivery_failed' AND a."details"->>'decisionId' = d."id"::text),
         d."decided_at")
 WHERE d."delivery_status" = 'failed';
