-- Elevhälsan's side: the card each case gets in the Elevhälsa channel (one per case, so a
-- retried notification job updates the card instead of posting a second one), and the
-- requests for completion a handler sends back to the principal.

-- CreateTable
CREATE TABLE "channel_posts" (
    "case_id" UUID NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "activity_id" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_posts_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "completion_requests" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivery_status" "delivery_status" NOT NULL DEFAULT 'pending',
    "answered_version" INTEGER,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "completion_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "completion_requests_case_id_requested_at_idx" ON "completion_requests"("case_id", "requested_at");

-- AddForeignKey
ALTER TABLE "channel_posts" ADD CONSTRAINT "channel_posts_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "completion_requests" ADD CONSTRAINT "completion_requests_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "completion_requests" ADD CONSTRAINT "completion_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
