-- A child's earlier grants are found by the personnummer in the submitted application (follow-ups
-- due for the child, the channel card's "granted through another unit" note, renewals). Without
-- an index that lookup read every application version: at 100 000 cases a channel-card job took
-- seconds. Prisma's schema cannot express an expression index; test/db/schema-matches lists it.
CREATE INDEX "application_versions_personnummer_idx" ON "application_versions" (("data" #>> '{pupil,personnummer}'));
