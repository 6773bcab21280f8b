-- Queries whose cost follows the work pending, not the history kept.

-- A case waits for its card in the Elevhälsa channel until one is recorded (channel-posts.ts
-- clears this in the same transaction). The sweep reads only the cases still waiting.
ALTER TABLE "cases" ADD COLUMN "awaiting_channel_post" BOOLEAN NOT NULL DEFAULT true;
UPDATE "cases" SET "awaiting_channel_post" = false WHERE EXISTS (SELECT 1 FROM "channel_posts" p WHERE p."case_id" = "cases"."id");

-- Partial indexes (schema.prisma cannot express them; test/db/schema-matches.test.ts lists them).
-- The queue: undecided cases of a municipality, oldest first, with what its counts read.
CREATE INDEX "cases_undecided_idx" ON "cases"("municipality_id", "created_at", "case_number") INCLUDE ("assigned_handler_id") WHERE "status" <> 'decided';
-- The sweep: cases without a channel card, decisions and completion requests not delivered.
CREATE INDEX "cases_awaiting_channel_post_idx" ON "cases"("created_at") WHERE "awaiting_channel_post";
CREATE INDEX "decisions_pending_delivery_idx" ON "decisions"("decided_at") WHERE "delivery_status" = 'pending';
CREATE INDEX "completion_requests_pending_delivery_idx" ON "completion_requests"("requested_at") WHERE "delivery_status" = 'pending' AND "answered_version" IS NULL;
